import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import * as contracts from '@samenspel/contracts';
import { controllerMethods } from '@samenspel/http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** The event types a service's @OnCloudEvent handlers take, from its controllers' metadata. */
export function handledEventTypes(app: INestApplication): string[] {
  const types = controllerMethods(app).flatMap(
    ({ handler }) => (Reflect.getMetadata(PATTERN_METADATA, handler) as string[] | undefined) ?? [],
  );
  return [...new Set(types)].sort();
}

/** Every `*_EVENT_TYPES` map of the contracts, by its name. */
const EVENT_TYPE_MAPS = new Map(
  Object.entries(contracts).filter(([name]) => name.endsWith('_EVENT_TYPES')) as [
    string,
    Record<string, string>,
  ][],
);

/**
 * The event types a service sends, read from the sources it runs: its app and every lib whose
 * module it imports. A constant such as `ACTIVITY_EVENT_TYPES.placementHeld` counts where an event
 * is made from it; not where events are told apart (`type === X`, a map's key `[X]:`, a table row
 * `[X, projector]`, a list `[a, X]`) or handled (`@OnCloudEvent(X)`). `X[kind]` counts for each key
 * of X that the sources name as a string literal.
 */
export async function sentEventTypes(app: string, nest: INestApplication): Promise<string[]> {
  const source = (await sourcesOf(app, nest)).map((file) => readFileSync(file, 'utf8')).join('\n');
  const sent = new Set<string>();
  for (const match of source.matchAll(/\b([A-Z_]+_EVENT_TYPES)(?:\.(\w+)|\[)/g)) {
    const map = EVENT_TYPE_MAPS.get(match[1]!);
    const before = source.slice(Math.max(0, match.index - 20), match.index).trimEnd();
    if (!map || /(\[|,|[!=]==|OnCloudEvent\(|typeof)$/.test(before)) continue;
    const keys = match[2] ? [match[2]] : Object.keys(map).filter((key) => source.includes(`'${key}'`));
    keys.forEach((key) => sent.add(map[key]!));
  }
  return [...sent].sort();
}

async function sourcesOf(app: string, nest: INestApplication): Promise<string[]> {
  const modules = new Set([...nest.get(ModulesContainer).values()].map((m) => m.metatype as unknown));
  const libs: string[] = [];
  for (const lib of readdirSync(join(ROOT, 'libs')).filter((name) => name !== 'testing')) {
    const exported = Object.values((await import(join(ROOT, 'libs', lib, 'src'))) as Record<string, unknown>);
    if (exported.some((value) => modules.has(value))) libs.push(lib);
  }
  return [join(ROOT, 'apps', app, 'src'), ...libs.map((lib) => join(ROOT, 'libs', lib, 'src'))].flatMap(
    typescriptSources,
  );
}

function typescriptSources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && /\.ts$/.test(entry.name) && !/\.(db-|int-)?spec\.ts$/.test(entry.name),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}
