import { Injectable } from '@nestjs/common';
import { headerString, type IncomingMessage } from '@samenspel/messaging';
import type { EntityManager } from 'typeorm';
import type { NewDeadLetter } from '../dead-letters/dead-letter.entity';
import { DeadLettersRepository } from '../dead-letters/dead-letters.repository';
import { deadLetterCoordinates } from '../domain/dead-letter-record';
import { ImpactRepository } from '../impact/impact.repository';
import { StuckFlowsRepository } from '../stuck-flows/stuck-flows.repository';
import { clip, readRecord, type LedgerRecord } from './ledger-record';
import { LedgerRepository } from './ledger.repository';
import { ImpactFacts, type ImpactTally } from './projectors/impact-tally';
import { isRunProjector, type Projection, type ProjectorRun } from './projectors/projector';
import { PROJECTORS } from './projectors/projectors';

/**
 * What recording one record did: its ledger row's id when it was recorded for the first time, and
 * whether its youngster was erased in the last days as it was recorded.
 */
export type LedgerEntry =
  | { outcome: 'recorded'; ledgerId: string; youthRef: string | null; erased: boolean }
  | { outcome: 'duplicate' };

/**
 * Records raw Kafka records in the ledger and, the first time each is seen, updates the flow
 * state and the impact counters, all in the caller's transaction. Never throws for a bad record:
 * an undecodable one is recorded as invalid with its coordinates. A record is the same record
 * only with the same cluster id and coordinates (topic, partition, offset): another cluster
 * reuses coordinates for other records.
 */
@Injectable()
export class LedgerIngest {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly deadLetters: DeadLettersRepository,
    private readonly flows: StuckFlowsRepository,
    private readonly impact: ImpactRepository,
  ) {}

  /**
   * Records records of a partition in the caller's transaction, in order: their ledger rows and
   * their youngsters' municipalities in one statement, then each new record's projections in
   * offset order (PROJECTORS, by event type; consecutive records of a RunProjector's type in one
   * statement), then the impact facts they count in one statement.
   * Their impact counter increments are added to `counters`, which the caller writes before the
   * transaction commits. Returns what recording each record did. Only the last record may be one
   * whose handling erases a youngster (a privacy record): the rows of any records after it would
   * be written before it.
   */
  async recordBatch(
    em: EntityManager,
    clusterId: string,
    messages: readonly IncomingMessage[],
    counters: ImpactTally,
  ): Promise<LedgerEntry[]> {
    const records = messages.map(readRecord);
    const fresh = await this.ledger.insert(em, clusterId, records);
    const p: Projection = { em, flows: this.flows, counters, facts: new ImpactFacts(), places: new Map() };
    for (const [i, { prior }] of fresh) {
      const youthRef = records[i].youthRef;
      if (youthRef !== null) p.places.set(youthRef, prior);
    }
    const entries: LedgerEntry[] = [];
    // Consecutive records of an event type with a RunProjector, projected together when it ends.
    let run: ProjectorRun | undefined;
    const endRun = async () => {
      const ending = run;
      run = undefined;
      await ending?.project();
    };
    for (const [i, r] of records.entries()) {
      const row = fresh.get(i);
      if (!row) {
        entries.push({ outcome: 'duplicate' });
        continue;
      }
      // The record's own municipality was written before its projections, as one by one.
      if (r.youthRef !== null && r.municipality !== null) p.places.set(r.youthRef, r.municipality);
      if (r.deadLetter) {
        await endRun();
        await this.deadLetters.insert(em, clusterId, deadLetterOf(r));
      } else if (r.event && r.youthRef && r.projected) {
        const project = PROJECTORS.get(r.event.type);
        const record = { youthRef: r.youthRef, at: r.at };
        if (isRunProjector(project)) {
          if (run?.projector !== project) {
            await endRun();
            run = project.start(p);
          }
          run.add(r.projected, record);
        } else if (project) {
          await endRun();
          await project(p, r.projected, record);
        }
      }
      entries.push({ outcome: 'recorded', ledgerId: row.id, youthRef: r.youthRef, erased: row.erased });
    }
    await endRun();
    if (p.facts.size > 0) p.facts.countIn(await this.impact.insertFacts(em, p.facts.sorted()), counters);
    return entries;
  }
}

/** A record of a dead-letter topic, with the coordinates its headers give and its copy for a replay. */
function deadLetterOf({ message: m, event, youthRef, key }: LedgerRecord): NewDeadLetter {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.headers)) {
    const text = headerString(value);
    if (text !== undefined) headers[name] = text;
  }
  return {
    topic: m.topic,
    partition: m.partition,
    offset: m.offset,
    coordinates: deadLetterCoordinates(m.topic, headers),
    eventId: clip(event?.id),
    type: clip(event?.type),
    youthRef,
    key,
    value: m.value ?? Buffer.alloc(0),
    headers,
  };
}
