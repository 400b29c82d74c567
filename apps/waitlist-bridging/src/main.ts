import { runService } from '@samenspel/bootstrap';

// Port 3002. Feature modules are added to `imports` as the service grows.
void runService({ name: 'waitlist-bridging', imports: () => [] });
