/** The coordinates a dead-letter topic's headers carry (see libs/messaging's deadLetterOf). */
export interface DeadLetterCoordinates {
  reason: string;
  originalTopic: string;
  originalPartition: number | null;
  originalOffset: string | null;
  consumer: string | null;
  deadLetteredAt: Date | null;
}

export function deadLetterCoordinates(
  dlqTopic: string,
  headers: Record<string, string>,
): DeadLetterCoordinates {
  const partition = Number(headers['dlq-original-partition']);
  const offset = headers['dlq-original-offset'];
  const at = headers['dlq-at'] ? new Date(headers['dlq-at']) : null;
  return {
    reason: headers['dlq-reason'] ?? 'unknown',
    originalTopic: headers['dlq-original-topic'] ?? dlqTopic.replace(/\.dlq$/, ''),
    originalPartition:
      Number.isInteger(partition) && headers['dlq-original-partition'] !== undefined ? partition : null,
    originalOffset: offset && /^\d+$/.test(offset) ? offset : null,
    consumer: headers['dlq-consumer'] ?? null,
    deadLetteredAt: at && !Number.isNaN(at.getTime()) ? at : null,
  };
}

/** The reason's category (the part before the first colon): what the console shows and filters on. */
export function reasonCategory(reason: string): string {
  const head = reason.trim().split(/[: ]/, 1)[0];
  return /^[a-z][a-z0-9-]{0,63}$/.test(head) ? head : 'other';
}

/** Headers of a replayed record: the original ones without dlq-*, plus where it was replayed from. */
export function replayHeaders(
  original: Record<string, string>,
  from: { topic: string; partition: number; offset: string },
  at: Date,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(original)) {
    if (!name.startsWith('dlq-') && !name.startsWith('replayed-')) headers[name] = value;
  }
  headers['replayed-from-topic'] = from.topic;
  headers['replayed-from-partition'] = String(from.partition);
  headers['replayed-from-offset'] = from.offset;
  headers['replayed-at'] = at.toISOString();
  return headers;
}

/**
 * The reason as shown: system-generated diagnostics, but a parser may quote a piece of the
 * payload ("Unexpected token … "{"age": 15 …" is not valid JSON"), so quoted fragments are blanked.
 */
export function redactReason(reason: string): string {
  return reason
    .replace(/"[^"]*"?/g, '"…"')
    .replace(/'[^']*'?/g, "'…'")
    .slice(0, 300);
}
