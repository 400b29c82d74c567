import { addWorkingDays } from '@samenspel/calendar';

/** When a step appears, counted from the start of the plan (the handover). */
export interface PlanOffset {
  seconds?: number;
  days?: number;
  weeks?: number;
  months?: number;
  workingDays?: number;
}

export interface FollowUpStepDefinition {
  /** A short code: first-contact, check-in-2w, check-in-3m… */
  step: string;
  at: PlanOffset;
  /** Working days the team has once the step's task appears. */
  dueWorkingDays: number;
}

/** Plans per municipality code (GM0344…), with `default` for every other municipality. */
export type FollowUpPlans = Record<string, FollowUpStepDefinition[]>;

export const DEFAULT_FOLLOW_UP_PLANS: FollowUpPlans = {
  default: [
    { step: 'first-contact', at: {}, dueWorkingDays: 5 },
    { step: 'check-in-2w', at: { weeks: 2 }, dueWorkingDays: 3 },
    { step: 'check-in-3m', at: { months: 3 }, dueWorkingDays: 5 },
  ],
};

export class InvalidFollowUpPlanError extends Error {
  override name = 'InvalidFollowUpPlanError';
}

const STEP_CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const OFFSET_KEYS = ['seconds', 'days', 'weeks', 'months', 'workingDays'] as const;

/** Parses and checks FOLLOW_UP_PLANS (JSON); an empty value means the default plan. */
export function parseFollowUpPlans(json: string | undefined): FollowUpPlans {
  if (json === undefined || json.trim() === '') return DEFAULT_FOLLOW_UP_PLANS;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new InvalidFollowUpPlanError('FOLLOW_UP_PLANS is not valid JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidFollowUpPlanError('FOLLOW_UP_PLANS must be an object of municipality code to steps');
  }
  const plans: FollowUpPlans = {};
  for (const [municipality, steps] of Object.entries(raw as Record<string, unknown>)) {
    if (municipality !== 'default' && !/^GM\d{4}$/.test(municipality)) {
      throw new InvalidFollowUpPlanError(`"${municipality}" is not a municipality code (GM0344) or default`);
    }
    if (!Array.isArray(steps) || steps.length === 0) {
      throw new InvalidFollowUpPlanError(`the plan of ${municipality} must be a non-empty list of steps`);
    }
    plans[municipality] = steps.map((s, i) => parseStep(municipality, i, s));
    const codes = plans[municipality].map((s) => s.step);
    if (new Set(codes).size !== codes.length) {
      throw new InvalidFollowUpPlanError(`the plan of ${municipality} names a step twice`);
    }
  }
  if (!plans.default) plans.default = DEFAULT_FOLLOW_UP_PLANS.default;
  return plans;
}

function parseStep(municipality: string, index: number, value: unknown): FollowUpStepDefinition {
  const where = `step ${index + 1} of ${municipality}`;
  if (!value || typeof value !== 'object') throw new InvalidFollowUpPlanError(`${where} is not an object`);
  const { step, at = {}, dueWorkingDays } = value as Record<string, unknown>;
  if (typeof step !== 'string' || !STEP_CODE.test(step)) {
    throw new InvalidFollowUpPlanError(`${where}: step must be a short code like check-in-2w`);
  }
  if (!Number.isInteger(dueWorkingDays) || (dueWorkingDays as number) < 0) {
    throw new InvalidFollowUpPlanError(`${where}: dueWorkingDays must be a whole number ≥ 0`);
  }
  if (!at || typeof at !== 'object' || Array.isArray(at)) {
    throw new InvalidFollowUpPlanError(`${where}: at must be an offset object`);
  }
  const offset: PlanOffset = {};
  for (const [key, amount] of Object.entries(at)) {
    if (!(OFFSET_KEYS as readonly string[]).includes(key)) {
      throw new InvalidFollowUpPlanError(`${where}: unknown offset unit ${key}`);
    }
    if (!Number.isInteger(amount) || (amount as number) < 0) {
      throw new InvalidFollowUpPlanError(`${where}: ${key} must be a whole number ≥ 0`);
    }
    offset[key as keyof PlanOffset] = amount as number;
  }
  return { step, at: offset, dueWorkingDays: dueWorkingDays as number };
}

export function planFor(
  plans: FollowUpPlans,
  municipalityCode: string | undefined,
): FollowUpStepDefinition[] {
  return (municipalityCode && plans[municipalityCode]) || plans.default;
}

/** Applies an offset: calendar units first (months, weeks, days, seconds), then working days. */
export function applyOffset(start: Date, offset: PlanOffset): Date {
  const at = new Date(start.getTime());
  if (offset.months) at.setUTCMonth(at.getUTCMonth() + offset.months);
  const days = (offset.weeks ?? 0) * 7 + (offset.days ?? 0);
  if (days) at.setUTCDate(at.getUTCDate() + days);
  if (offset.seconds) at.setTime(at.getTime() + offset.seconds * 1000);
  return addWorkingDays(at, offset.workingDays ?? 0);
}

export interface ScheduledFollowUpStep {
  step: string;
  runAt: Date;
  dueWorkingDays: number;
}

/** The plan of a handover as the steps the scheduler will turn into tasks, in time order. */
export function expandPlan(steps: FollowUpStepDefinition[], start: Date): ScheduledFollowUpStep[] {
  return steps
    .map((s) => ({ step: s.step, runAt: applyOffset(start, s.at), dueWorkingDays: s.dueWorkingDays }))
    .sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
}
