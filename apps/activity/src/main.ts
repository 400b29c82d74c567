import { runService } from '@samenspel/bootstrap';

// Port 3003. Feature modules are added to `imports` as the service grows.
void runService({ name: 'activity', imports: () => [] });
