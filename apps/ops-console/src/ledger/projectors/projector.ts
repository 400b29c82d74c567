import type { EntityManager } from 'typeorm';
import { monthOf } from '../../domain/impact';
import { youthVoiceMeasures } from '../../domain/youth-voice';
import type { ImpactFact } from '../../impact/impact.entity';
import type { EntryTimes } from '../../stuck-flows/stuck-flow.entity';
import type { StuckFlowsRepository } from '../../stuck-flows/stuck-flows.repository';
import { text, type RawData } from '../ledger-record';
import type { ImpactFacts, ImpactTally } from './impact-tally';

/** What the projections of one batch of records share. */
export interface Projection {
  em: EntityManager;
  flows: StuckFlowsRepository;
  counters: ImpactTally;
  facts: ImpactFacts;
  /** Each youngster's youth_municipality as it stands at the record being projected. */
  places: Map<string, string | null>;
}

/** A record about a youngster seen for the first time (its youth_municipality is written already). */
export interface ProjectedRecord {
  youthRef: string;
  at: Date;
}

/**
 * An event's data as the ledger reads it: the fields of its contract by name, with values that
 * nothing validated (the monitor reads every record raw), and the municipality any event may name.
 */
export type Raw<T> = { readonly [K in keyof T]?: unknown } & { readonly municipalityCode?: unknown };

/** The flow state and impact of one event type (or family), typed on its contract's data. */
export type Projector<T> = (p: Projection, d: Raw<T>, r: ProjectedRecord) => Promise<void> | void;

/** A projector of some event's data: what the map from event type to projector holds. */
export type AnyProjector = Projector<RawData> | RunProjector;

/** Event types and their projectors. */
export type ProjectorEntries = readonly (readonly [string, AnyProjector])[];

/** Consecutive records of one event type, projected together once the run ends (`project`). */
export interface ProjectorRun {
  readonly projector: RunProjector;
  add(d: RawData, r: ProjectedRecord): void;
  project(): Promise<void>;
}

/** The projector of an event type whose consecutive records are projected together: see `runProjector`. */
export interface RunProjector {
  start(p: Projection): ProjectorRun;
}

/** Whether the projector projects consecutive records of its type together. */
export function isRunProjector(projector: AnyProjector | undefined): projector is RunProjector {
  return typeof projector === 'object';
}

/**
 * A projector that writes the flow states of consecutive records of its event type in one
 * statement. `read` takes what each record needs at its place among the records (its youngster's
 * municipality as it stands then); `project` writes the items of the run in one statement and
 * counts each in their order, as projecting them one by one would.
 */
export function runProjector<T, I>(
  read: (p: Projection, d: Raw<T>, r: ProjectedRecord) => I,
  project: (p: Projection, items: readonly I[]) => Promise<void>,
): RunProjector {
  const projector: RunProjector = {
    start: (p) => {
      const items: I[] = [];
      return {
        projector,
        add: (d, r) => items.push(read(p, d, r)),
        project: () => project(p, items),
      };
    },
  };
  return projector;
}

/** The event's own municipality, else the youngster's as youth_municipality holds it now. */
export function placeOf(p: Projection, youthRef: string, d: Raw<object>): string {
  return text(d.municipalityCode) ?? p.places.get(youthRef) ?? 'unknown';
}

/**
 * Counts a subject once per measure, however often its event is redelivered or replayed: the
 * fact is inserted with the others of the statement's records (ImpactFacts).
 */
export function countOnce(
  p: Projection,
  municipality: string,
  month: string,
  measure: string,
  subject: string | null,
  extra: Pick<ImpactFact, 'alsoCount' | 'firstOfferSeconds'> = {},
): void {
  if (subject) p.facts.add({ measure, subject, municipality, month, ...extra });
}

/**
 * Counts the youngster's own view (an event's raw `youthVoice`) once per subject (a task, a
 * placement). Only the view is a fact of the subject; its score and words are counts only, so no
 * subject is linked to a score. Nothing is counted for a value outside the vocabulary.
 */
export function countYouthVoice(
  p: Projection,
  municipality: string,
  month: string,
  subject: string | null,
  raw: unknown,
): void {
  const [view, ...scoreAndWords] = youthVoiceMeasures(raw);
  if (view) countOnce(p, municipality, month, view, subject, { alsoCount: scoreAndWords });
}

/**
 * Once both the entry and its first offer were seen (in either order), keeps the latency once.
 * `entry`: the entry's row as the statement that recorded the event left it.
 */
export function countFirstOffer(p: Projection, entryId: string | null, entry: EntryTimes | undefined): void {
  if (!entryId || !entry?.enteredAt || !entry.offeredAt) return;
  const offeredAt = new Date(entry.offeredAt);
  const seconds = Math.max(0, offeredAt.getTime() - new Date(entry.enteredAt).getTime()) / 1000;
  countOnce(p, entry.municipalityCode ?? 'unknown', monthOf(offeredAt), 'first_offers', entryId, {
    firstOfferSeconds: seconds,
  });
}
