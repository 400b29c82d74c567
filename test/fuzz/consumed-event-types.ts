import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as contracts from '@samenspel/contracts';

const APPS = resolve(__dirname, '../../apps');

/**
 * The event types a service consumes, read from the `@OnCloudEvent(...)` handlers in its sources
 * (constants such as `WAITLIST_EVENT_TYPES.entered` resolved through @samenspel/contracts), so a
 * handler added later is fuzzed without touching the fuzz suite.
 */
export function consumedEventTypes(service: string): string[] {
  const types = new Set<string>();
  for (const file of sourceFiles(join(APPS, service, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/@OnCloudEvent\(\s*([^)]+?)\s*\)/g)) {
      types.add(resolveType(match[1], file));
    }
  }
  return [...types].sort();
}

/** The services with at least one event handler. */
export function consumingServices(): string[] {
  return readdirSync(APPS).filter((name) => consumedEventTypes(name).length > 0);
}

function resolveType(expression: string, file: string): string {
  const literal = /^['"`]([^'"`]+)['"`]$/.exec(expression);
  if (literal) return literal[1];
  const member = /^([A-Z_]+)\.(\w+)$/.exec(expression);
  const table = member && (contracts as unknown as Record<string, Record<string, unknown>>)[member[1]];
  const type = member && table?.[member[2]];
  if (typeof type !== 'string' || !samenspelType(type)) {
    throw new Error(`cannot resolve @OnCloudEvent(${expression}) in ${file}; teach consumed-event-types.ts`);
  }
  return type;
}

function samenspelType(type: string): boolean {
  return contracts.samenspelContracts().get(type) !== undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}
