// `npm run simulate -- --rate 5 --duration 30 [--malformed 0.01] [--duplicates 0.05] [--binary 0.5]
// [--accept 0.6] [--notification http://127.0.0.1:3004]`: acts as the jeugdzorg intake systems,
// producing synthetic waitlist and trajectory events, and as the youth workers, who accept that
// share of the offers through the notification service (`--accept 0`: intake only).
import { parseArgs } from 'node:util';
import { runSimulator } from '../libs/testing/src/simulator/waitlist-simulator';
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
  process.stdout.write(
    `simulating intake systems: ${JSON.stringify({ ...options, brokers: options.brokers.join(',') })}\n` +
      `and youth workers: ${youthWorkers ? JSON.stringify(youthWorkers) : 'none'}\n`,
  );
  const report = await runSimulator({
    ...options,
    youthWorkers,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
