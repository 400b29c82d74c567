import 'reflect-metadata';
import '@samenspel/contracts';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Hostile input: every string and every array a request or an event may carry has an upper bound,
 * so that no field can grow without limit in our database, logs or outgoing events. This walks
 * the class-validator metadata of every HTTP DTO (apps/) and every event DTO (libs/contracts),
 * so a new field without a bound fails here.
 */
const ROOT = join(__dirname, '..');
const SOURCE_ROOTS = ['apps', 'libs'];

function sourceFilesWithValidation(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'test', 'migrations'].includes(entry.name)
        ? []
        : sourceFilesWithValidation(path);
    if (!entry.name.endsWith('.ts') || /\.(int-)?spec\.ts$/.test(entry.name)) return [];
    // Configuration classes read the environment, not requests or events.
    if (/config\.ts$/.test(entry.name)) return [];
    return readFileSync(path, 'utf8').includes("from 'class-validator'") ? [path] : [];
  });
}

const FILES = SOURCE_ROOTS.flatMap((root) => sourceFilesWithValidation(join(ROOT, root)));
// eslint-disable-next-line @typescript-eslint/no-require-imports
FILES.forEach((file) => require(file));

type Rule = ValidationMetadata;
/** A class that validation metadata is registered on. */
type Target = abstract new (...args: never[]) => unknown;

/** Validators whose accepted strings have a fixed maximum length by themselves. */
const BOUNDED_STRING_RULES = new Set(['maxLength', 'isIn', 'isEnum', 'isUuid', 'isBoolean']);

/** True when an anchored pattern has no unbounded repetition (`*`, `+`, `{n,}`) outside character classes. */
export function isBoundedPattern(pattern: RegExp): boolean {
  const source = pattern.source;
  if (!source.startsWith('^') || !source.endsWith('$')) return false;
  const stripped = source.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
  return !/[*+]|\{\d+,\}/.test(stripped);
}

function boundsAString(rule: Rule): boolean {
  if (BOUNDED_STRING_RULES.has(rule.name ?? '')) return true;
  if (rule.name === 'isLength') return rule.constraints?.[1] !== undefined;
  if (rule.name === 'matches')
    return rule.constraints?.[0] instanceof RegExp && isBoundedPattern(rule.constraints[0]);
  return false;
}

const STRING_RULES = new Set([
  'isString',
  'isLength',
  'minLength',
  'maxLength',
  'matches',
  'isIso8601',
  'isDateString',
  'isEmail',
  'isUrl',
  'isUuid',
  'isNotEmpty',
]);

/** What is unbounded about one property, if anything. */
function unboundedParts(target: Target, property: string, rules: Rule[]): string[] {
  const problems: string[] = [];
  const own = rules.filter((r) => !r.each);
  const each = rules.filter((r) => r.each);
  const designType = Reflect.getMetadata('design:type', target.prototype, property) as unknown;
  const isArray = designType === Array || own.some((r) => r.name === 'isArray');
  const nested = rules.some((r) => r.type === 'nestedValidation');

  if (isArray) {
    if (!own.some((r) => r.name === 'arrayMaxSize')) problems.push('array without @ArrayMaxSize');
    const itemIsString = each.some((r) => STRING_RULES.has(r.name ?? ''));
    if (itemIsString && !each.some(boundsAString)) problems.push('string items without a maximum length');
    if (!itemIsString && !nested && !each.some((r) => BOUNDED_STRING_RULES.has(r.name ?? ''))) {
      if (!each.some((r) => ['isInt', 'isNumber', 'min', 'max'].includes(r.name ?? '')))
        problems.push('items without a validated, bounded type');
    }
    return problems;
  }
  const isString = designType === String || own.some((r) => STRING_RULES.has(r.name ?? ''));
  if (isString && !own.some(boundsAString)) problems.push('string without a maximum length');
  const isFreeObject = own.some((r) => r.name === 'isObject') && !nested;
  if (isFreeObject) problems.push('object without a nested DTO (unbounded keys)');
  return problems;
}

function unboundedProperties(target: Target): string[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const byProperty = new Map<string, Rule[]>();
  for (const rule of rules)
    byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  return [...byProperty].flatMap(([property, propertyRules]) =>
    unboundedParts(target, property, propertyRules).map(
      (problem) => `${target.name}.${property}: ${problem}`,
    ),
  );
}

function validatedClasses(): Target[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Target, Rule[]> };
  return [...storage.validationMetadatas.keys()].filter(
    (target) => typeof target === 'function' && !/Config$/.test(target.name),
  );
}

describe('every string and array of a request or event is bounded', () => {
  it('finds the DTOs of every service and of the event contracts', () => {
    const files = FILES.map((f) => relative(ROOT, f));
    expect(files).toEqual(expect.arrayContaining([expect.stringMatching(/^apps\/referral\/.*\/dto\//)]));
    const names = validatedClasses().map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['WaitlistEnteredData', 'PageQuery']));
    expect(names.length).toBeGreaterThan(40);
  });

  it('has a maximum length on every string, a maximum size on every array and bounded items', () => {
    expect(validatedClasses().flatMap(unboundedProperties)).toEqual([]);
  });
});

describe('telling a bounded pattern from an unbounded one', () => {
  it.each([
    [/^GM[0-9]{4}$/, true],
    [/^[A-Za-z0-9_-]{8,64}$/, true],
    [/^[1-9][0-9]{3}$/, true],
    [/^[+*]{1,3}$/, true],
    [/^[A-Za-z0-9_.:-]+$/, false],
    [/^a.*$/, false],
    [/^\d{2,}$/, false],
    [/GM[0-9]{4}/, false],
  ])('%p is bounded: %p', (pattern, bounded) => {
    expect(isBoundedPattern(pattern)).toBe(bounded);
  });
});
