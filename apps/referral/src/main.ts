import { runService } from '@samenspel/bootstrap';

// Port 3001. Feature modules are added to `imports` as the service grows.
void runService({ name: 'referral', imports: () => [] });
