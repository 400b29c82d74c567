import { runService } from '@samenspel/bootstrap';

// Port 3004. Feature modules are added to `imports` as the service grows.
void runService({ name: 'notification', imports: () => [] });
