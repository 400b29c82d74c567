/**
 * Writes libs/contracts/schemas/<type>.json for every registered event type, derived from the
 * class-validator metadata of its data class, so that the JSON Schemas cannot drift from the DTOs.
 * The waitlist schemas are written by hand (with descriptions per field) and are left alone.
 *
 *   node -r reflect-metadata -r @swc-node/register scripts/generate-schemas.ts
 *
 * Run `npx prettier --write libs/contracts/schemas` afterwards.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMENSPEL_CONTRACTS } from '../libs/contracts/src/contract-registry';
import { schemaFor } from '../libs/contracts/src/data-schema';
import { TOPICS } from '../libs/contracts/src/topics';

const SCHEMA_DIR = join(__dirname, '..', 'libs', 'contracts', 'schemas');
const HAND_WRITTEN_TOPICS: readonly string[] = [TOPICS.waitlist];

export { schemaFor };

function main(): void {
  const written: string[] = [];
  for (const { type, topic, dataClass } of SAMENSPEL_CONTRACTS) {
    if (HAND_WRITTEN_TOPICS.includes(topic)) continue;
    const file = join(SCHEMA_DIR, `${type}.json`);
    writeFileSync(file, `${JSON.stringify(schemaFor(type, topic, dataClass), null, 2)}\n`);
    written.push(file);
  }
  console.log(`wrote ${written.length} schemas to ${SCHEMA_DIR}`);
}

if (require.main === module) main();
