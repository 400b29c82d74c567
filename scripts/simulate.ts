// `npm run simulate -- --rate 5 --duration 30 [--malformed 0.01] [--duplicates 0.05] [--binary 0.5]
// [--accept 0.6] [--notification http://127.0.0.1:3004] [--parallel-referrals 0.1]
// [--referral http://127.0.0.1:3001] [--issuer http://127.0.0.1:3005] [--client-id intake-simulator]
// [--client-secret …]`: acts as the jeugdzorg intake systems, producing synthetic waitlist and
// trajectory events; as an intake system with a client credentials token from the issuer, referring
// that share of the entered youngsters to youth work through the referral service and reading those
// referrals back (`--parallel-referrals 0`: none); and as the youth workers, who accept that share
// of the offers through the notification service (`--accept 0`: intake only).
import { parseArgs } from 'node:util';
import { runSimulator } from '../libs/testing/src/simulator/waitlist-simulator';
import {
  DEFAULT_INTAKE_CLIENT,
  DEFAULT_PARALLEL_REFERRAL_SHARE,
} from '../libs/testing/src/simulator/intake-system';
import { DEFAULT_ACCEPT_SHARE } from '../libs/testing/src/simulator/youth-worker';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '5' },
      duration: { type: 'string', default: '30' },
      malformed: { type: 'string', default: '0' },
      duplicates: { type: 'string', default: '0' },
      binary: { type: 'string', default: '0.5' },
      accept: { type: 'string', default: String(DEFAULT_ACCEPT_SHARE) },
      notification: { type: 'string', default: process.env.NOTIFICATION_URL ?? 'http://127.0.0.1:3004' },
      'parallel-referrals': { type: 'string', default: String(DEFAULT_PARALLEL_REFERRAL_SHARE) },
      referral: { type: 'string', default: process.env.REFERRAL_URL ?? 'http://127.0.0.1:3001' },
      issuer: { type: 'string', default: process.env.AUTH_ISSUER || DEFAULT_INTAKE_CLIENT.issuer },
      'client-id': {
        type: 'string',
        default: process.env.INTAKE_CLIENT_ID || DEFAULT_INTAKE_CLIENT.clientId,
      },
      'client-secret': {
        type: 'string',
        default: process.env.INTAKE_CLIENT_SECRET || DEFAULT_INTAKE_CLIENT.clientSecret,
      },
      brokers: { type: 'string', default: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092' },
    },
  });
  const number = (name: keyof typeof values, min: number, max: number): number => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return n;
  };
  const options = {
    rate: number('rate', 0.01, 10000),
    duration: number('duration', 0.1, 86400),
    malformed: number('malformed', 0, 1),
    duplicates: number('duplicates', 0, 1),
    binary: number('binary', 0, 1),
    brokers: String(values.brokers).split(','),
  };
  const accept = number('accept', 0, 1);
  const youthWorkers = accept > 0 ? { notificationUrl: String(values.notification), accept } : undefined;
  const parallelReferrals = number('parallel-referrals', 0, 1);
  const intakeSystem =
    parallelReferrals > 0
      ? {
          referralUrl: String(values.referral),
          issuer: String(values.issuer),
          clientId: String(values['client-id']),
          clientSecret: String(values['client-secret']),
          parallelReferrals,
        }
      : undefined;
  // The client secret is never printed.
  const { clientSecret: _secret, ...shownIntake } = intakeSystem ?? { clientSecret: '' };
  process.stdout.write(
    `simulating intake systems: ${JSON.stringify({ ...options, brokers: options.brokers.join(',') })}\n` +
      `with their own HTTP calls: ${intakeSystem ? JSON.stringify(shownIntake) : 'none'}\n` +
      `and youth workers: ${youthWorkers ? JSON.stringify(youthWorkers) : 'none'}\n`,
  );
  const report = await runSimulator({
    ...options,
    youthWorkers,
    intakeSystem,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
