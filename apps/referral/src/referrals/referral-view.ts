import type { ReferralStatusChangeEntity, ReferralEntity } from './referral.entity';
import type { ReferralView, StatusChangeView } from './dto/referral.dto';

/** The API's face of a referral. Notes only when `decrypt` is given (the caller may see them). */
export function toReferralView(
  r: ReferralEntity,
  options: { decrypt?: (ciphertext: string) => string; history?: ReferralStatusChangeEntity[] } = {},
): ReferralView {
  const { decrypt, history } = options;
  return {
    id: r.id,
    direction: r.direction,
    phase: r.phase,
    youthRef: r.youthRef,
    ageYears: r.ageYears,
    postcode4: r.postcode4,
    municipalityCode: r.municipalityCode,
    reason: r.reason,
    themes: r.themes,
    ...(decrypt && r.noteCiphertext ? { note: decrypt(r.noteCiphertext) } : {}),
    consent: {
      youthWork: r.consentYouthWork,
      givenBy: r.consentGivenBy,
      givenAt: new Date(r.consentGivenAt).toISOString(),
    },
    referredBy: { organisation: r.referredByOrganisation, role: r.referredByRole },
    referringTeamId: r.referringTeamId,
    receivingTeamId: r.receivingTeamId,
    receivingOrganisation: r.receivingOrganisation,
    status: r.status,
    outcome: r.outcome,
    warmHandover: r.warmHandover,
    version: r.version,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    ...(history
      ? {
          history: history.map((h): StatusChangeView => ({
            from: h.fromStatus,
            to: h.toStatus,
            reasonCode: h.reasonCode,
            outcome: h.outcome,
            ...(decrypt && h.noteCiphertext ? { note: decrypt(h.noteCiphertext) } : {}),
            actorRole: h.actorRole,
            actorRef: h.actorRef,
            at: new Date(h.changedAt).toISOString(),
          })),
        }
      : {}),
  };
}
