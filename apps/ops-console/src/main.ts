import { runService, type ServiceDefinition } from '@samenspel/bootstrap';
import { OpsConsoleConfig } from './config/ops-console.config';
import { OpsSchema } from './migrations';
import { OpsConsoleModule } from './ops-console.module';

// Port 3000: the flow monitor, dead letters, stuck flows, Kafka health, impact and the console page.
export const OPS_CONSOLE_SERVICE: ServiceDefinition<OpsConsoleConfig> = {
  name: 'ops-console',
  config: OpsConsoleConfig,
  imports: (config) => [OpsConsoleModule.forRoot(config)],
  migrations: OpsSchema,
  // The console page at the root, so that http://127.0.0.1:3000/ opens it.
  unprefixedRoutes: ['/'],
};

if (require.main === module) void runService(OPS_CONSOLE_SERVICE);
