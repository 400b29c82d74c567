/** The services that each confirm an erasure; the request is complete when all of them have. */
export const ERASING_SERVICES = [
  'referral',
  'waitlist-bridging',
  'activity',
  'notification',
  'ops-console',
] as const;

export interface ErasureProgress {
  confirmed: string[];
  waitingFor: string[];
  complete: boolean;
}

/** Which services confirmed (unknown names ignored, each once) and whether that is all of them. */
export function erasureProgress(confirmedServices: readonly string[]): ErasureProgress {
  const confirmed = ERASING_SERVICES.filter((s) => confirmedServices.includes(s));
  const waitingFor = ERASING_SERVICES.filter((s) => !confirmedServices.includes(s));
  return { confirmed: [...confirmed], waitingFor: [...waitingFor], complete: waitingFor.length === 0 };
}

/** Only an admin sees the youthRef of a request, and only while it is not complete (then it is gone anyway). */
export function youthRefShownTo(role: string, youthRef: string | null): string | null {
  return role === 'admin' ? youthRef : null;
}
