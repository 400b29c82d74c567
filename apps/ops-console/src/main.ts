import { runService } from '@samenspel/bootstrap';

// Port 3000. Feature modules are added to `imports` as the console grows.
void runService({ name: 'ops-console', imports: () => [] });
