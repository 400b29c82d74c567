import {
  InvalidField,
  IllegalTransition,
  PatchTestFailed,
  REFERRAL_OUTCOMES,
  UnsupportedTaskChange,
} from '@samenspel/contracts';
import type { Task } from 'fhir/r4';
import { isReferralStatus, REFERRAL_REASON_CODES, type TransitionRequest } from '../referral-state-machine';
import { FHIR_SYSTEMS, OUTCOME_OUTPUT } from './fhir-systems';

/** The Task elements a client may change; everything else is the server's. */
export const WRITABLE_TASK_ELEMENTS = ['status', 'statusReason', 'output'] as const;

const OPS = ['add', 'remove', 'replace', 'test'] as const;
const MAX_OPERATIONS = 20;

interface Operation {
  op: (typeof OPS)[number];
  path: string;
  value?: unknown;
}

type Json = unknown;

const notAPatch = () =>
  new InvalidField('patch', 'must be a JSON Patch of at most 20 add, remove, replace and test operations');

function operationsOf(patch: unknown): Operation[] {
  if (!Array.isArray(patch) || patch.length === 0 || patch.length > MAX_OPERATIONS) throw notAPatch();
  return patch.map((item: unknown) => {
    const op = item as Partial<Operation> | null;
    if (
      typeof op !== 'object' ||
      op === null ||
      !OPS.includes(op.op as Operation['op']) ||
      typeof op.path !== 'string' ||
      !op.path.startsWith('/') ||
      (op.op !== 'remove' && !('value' in op))
    ) {
      throw notAPatch();
    }
    return op as Operation;
  });
}

function tokensOf(path: string): string[] {
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a as object);
  if (keys.length !== Object.keys(b as object).length) return false;
  return keys.every((k) => sameJson((a as Record<string, Json>)[k], (b as Record<string, Json>)[k]));
}

const noSuchElement = () => new InvalidField('patch', 'a path names no element of the Task');

/** Applies one operation to `doc` in place (RFC 6902, without move and copy). */
function apply(doc: Record<string, Json>, operation: Operation): void {
  const tokens = tokensOf(operation.path);
  const last = tokens.pop()!;
  let parent: Json = doc;
  for (const token of tokens) {
    const next: Json = Array.isArray(parent)
      ? parent[Number(token)]
      : (parent as Record<string, Json> | null)?.[token];
    if (typeof next !== 'object' || next === null) throw noSuchElement();
    parent = next;
  }
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    const inRange = Number.isInteger(index) && index >= 0 && index <= parent.length;
    if (!inRange || (operation.op !== 'add' && index === parent.length)) throw noSuchElement();
    if (operation.op === 'test') {
      if (!sameJson(parent[index], operation.value)) throw new PatchTestFailed();
    } else if (operation.op === 'add') parent.splice(index, 0, operation.value);
    else if (operation.op === 'remove') parent.splice(index, 1);
    else parent[index] = operation.value;
    return;
  }
  const object = parent as Record<string, Json>;
  if (operation.op !== 'add' && !(last in object)) throw noSuchElement();
  if (operation.op === 'test') {
    if (!sameJson(object[last], operation.value)) throw new PatchTestFailed();
  } else if (operation.op === 'remove') delete object[last];
  else object[last] = operation.value;
}

function without(task: Record<string, Json>): Record<string, Json> {
  const rest = { ...task };
  for (const element of WRITABLE_TASK_ELEMENTS) delete rest[element];
  return rest;
}

function reasonCodeOf(task: Task): string | undefined {
  const code = task.statusReason?.coding?.find((c) => c.system === FHIR_SYSTEMS.statusReason)?.code;
  if (!code || !(REFERRAL_REASON_CODES as readonly string[]).includes(code)) {
    throw new InvalidField('statusReason', `must be a code of ${FHIR_SYSTEMS.statusReason}`);
  }
  return code;
}

function outcomeOf(task: Task): string | undefined {
  const output = task.output?.find((o) =>
    o.type.coding?.some((c) => c.system === FHIR_SYSTEMS.outputType && c.code === OUTCOME_OUTPUT),
  );
  const code = output?.valueCodeableConcept?.coding?.find((c) => c.system === FHIR_SYSTEMS.outcome)?.code;
  if (!code || !(REFERRAL_OUTCOMES as readonly string[]).includes(code)) {
    throw new InvalidField('output', `must hold an outcome of ${FHIR_SYSTEMS.outcome}`);
  }
  return code;
}

/**
 * The status move a JSON Patch of a Task asks for. The patch is applied to the Task as served; it
 * may change the status, and with it the reason (statusReason) or the outcome (output), and nothing
 * else. Whether the move is allowed is the referral's state machine's to say, as for the REST API.
 */
export function moveFromPatch(current: Task, patch: unknown): TransitionRequest {
  const operations = operationsOf(patch);
  const patched = structuredClone(current) as unknown as Record<string, Json>;
  for (const operation of operations) {
    if (operation.path === '' || operation.path === '/') throw noSuchElement();
    apply(patched, operation);
  }
  const target = patched as unknown as Task;
  if (!sameJson(without(patched), without(current as unknown as Record<string, Json>))) {
    throw new UnsupportedTaskChange('A Task PATCH changes only status, statusReason and output');
  }
  if (target.status === current.status) {
    throw new UnsupportedTaskChange('A Task PATCH moves the Task to another status');
  }
  if (typeof target.status !== 'string' || !isReferralStatus(target.status)) {
    throw new IllegalTransition(`A referral cannot go from ${current.status} to that status`, {
      currentStatus: current.status,
    });
  }
  const reasonChanged = !sameJson(target.statusReason, current.statusReason) && target.statusReason;
  const outputChanged = !sameJson(target.output, current.output) && target.output;
  return {
    to: target.status,
    ...(reasonChanged ? { reasonCode: reasonCodeOf(target) } : {}),
    ...(outputChanged ? { outcome: outcomeOf(target) } : {}),
  };
}
