/** What a redacted field's value becomes in a dead letter. */
export const REDACTED = '[redacted]';

/** A record's value with fields replaced by REDACTED, and those fields as JSON pointers (RFC 6901). */
export interface Redacted {
  value: Buffer;
  pointers: string[];
}

/** The JSON pointer (RFC 6901) of a path of property names or array indices. */
export function jsonPointer(path: readonly string[]): string {
  return path.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * The value with each field at `paths` (property names from the value's root) replaced by
 * REDACTED. Undefined when there is nothing to redact: the value is not JSON (it cannot carry a
 * named field) or holds none of the paths. Only redacted values are written anew; JSON.parse
 * keeps the last of two equal keys, so an earlier one is dropped rather than kept in clear.
 */
export function redactFields(value: Buffer, paths: readonly (readonly string[])[]): Redacted | undefined {
  if (paths.length === 0) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
  const pointers: string[] = [];
  for (const path of paths) {
    const parent = path.slice(0, -1).reduce<unknown>((node, name) => ownField(node, name), root);
    const name = path[path.length - 1];
    if (name === undefined || ownField(parent, name) === undefined) continue;
    // defineProperty, not assignment: a field named __proto__ is an own field here, not the prototype.
    Object.defineProperty(parent, name, { value: REDACTED, enumerable: true, writable: true });
    pointers.push(jsonPointer(path));
  }
  if (pointers.length === 0) return undefined;
  return { value: Buffer.from(JSON.stringify(root)), pointers };
}

function ownField(node: unknown, name: string): unknown {
  if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, name)) {
    return undefined;
  }
  return (node as Record<string, unknown>)[name];
}
