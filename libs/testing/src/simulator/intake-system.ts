import { ClientCredentialsTokenSource, DEV_CLIENT_SECRET } from '@samenspel/http';
import { DEV_ISSUER } from '@samenspel/identity-provider';

/**
 * The intake system's own HTTP calls, as a machine: it gets its access token from the identity
 * provider with the client credentials grant (the development provider seeds this client), refers
 * a share of the youngsters who enter a waiting list to youth work alongside their care, and reads
 * those referrals back at the end of a run.
 */
export interface IntakeSystemOptions {
  /** The referral service; its REST API takes a care-to-youth-work referral from an intake system. */
  referralUrl: string;
  /** The provider's issuer: its token endpoint is found through discovery. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Share of the entered youngsters (with consent for youth work) also referred in parallel (0-1). */
  parallelReferrals: number;
}

export interface IntakeSystemReport {
  /** Parallel referrals the referral service created. */
  referred: number;
  /** Referrals the service refused: the status or problem type counted, never the body. */
  refused: Record<string, number>;
  /** The created referrals' statuses as the intake system reads them back at the end. */
  statuses: Record<string, number>;
}

/**
 * The share of entered youngsters also referred to youth work alongside their care: 1 in 10, so that
 * a default run makes about ten such referrals next to its waiting-list events.
 */
export const DEFAULT_PARALLEL_REFERRAL_SHARE = 0.1;

export const DEFAULT_INTAKE_CLIENT = {
  issuer: DEV_ISSUER,
  clientId: 'intake-simulator',
  clientSecret: DEV_CLIENT_SECRET,
} as const;

/** What an entered youngster carries that a parallel referral needs; pseudonymous, as in the event. */
export interface EnteredYoungster {
  youthRef: string;
  ageYears: number;
  postcode4: string;
  municipalityCode: string;
  interests: string[];
  consent: { youthWork: boolean; givenBy: string; givenAt: string };
}

/** Whether an entered youngster is also referred, for a roll in [0, 1): only with consent for youth work. */
export function refersInParallel(youngster: EnteredYoungster, roll: number, share: number): boolean {
  return youngster.consent.youthWork && roll < share;
}

/**
 * The body of POST /api/v1/referrals for a youngster on a care waiting list: to youth work, during
 * care, for leisure, with the interests as themes and the consent of the waiting-list entry. No note.
 */
export function parallelReferralBody(youngster: EnteredYoungster) {
  return {
    direction: 'care-to-youth-work',
    phase: 'during',
    youthRef: youngster.youthRef,
    ageYears: youngster.ageYears,
    postcode4: youngster.postcode4,
    municipalityCode: youngster.municipalityCode,
    reason: 'leisure',
    themes: youngster.interests,
    consent: youngster.consent,
    referredByRole: 'care-worker',
  };
}

/** Counts one name in a tally. */
export function tally(counts: Record<string, number>, name: string): void {
  counts[name] = (counts[name] ?? 0) + 1;
}

/** The reason of a refusal as the report counts it: the problem type's last segment, else the status. */
export function refusalReason(status: number, problem: { type?: unknown }): string {
  return typeof problem.type === 'string' && problem.type.includes('/')
    ? problem.type.split('/').pop()!
    : String(status);
}

/**
 * The simulated intake system over HTTP. When the provider or the referral service cannot be
 * reached, it says so once and does nothing more, so that the Kafka part goes on.
 */
export class IntakeSystem {
  private readonly tokens: ClientCredentialsTokenSource;
  private readonly created: string[] = [];
  private readonly report: IntakeSystemReport = { referred: 0, refused: {}, statuses: {} };
  private unavailable = false;

  constructor(
    private readonly options: IntakeSystemOptions,
    private readonly log: (line: string) => void,
  ) {
    this.tokens = new ClientCredentialsTokenSource({
      issuer: options.issuer,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
    });
  }

  /** Refers the youngster when the roll falls in the share; errors never reach the caller. */
  async maybeRefer(youngster: EnteredYoungster, roll = Math.random()): Promise<void> {
    if (this.unavailable || !refersInParallel(youngster, roll, this.options.parallelReferrals)) return;
    const res = await this.call('POST', '/api/v1/referrals', parallelReferralBody(youngster));
    if (!res) return;
    const answer = (await res.json().catch(() => ({}))) as { id?: unknown; type?: unknown };
    if (res.ok && typeof answer.id === 'string') {
      this.created.push(answer.id);
      this.report.referred += 1;
    } else {
      tally(this.report.refused, refusalReason(res.status, answer));
    }
  }

  /** Reads each referral of this run back, as the intake system may (its own `org`), and reports. */
  async finish(): Promise<IntakeSystemReport> {
    for (const id of this.created) {
      if (this.unavailable) break;
      const res = await this.call('GET', `/api/v1/referrals/${id}`);
      if (!res) break;
      const view = (await res.json().catch(() => ({}))) as { status?: unknown };
      tally(
        this.report.statuses,
        res.ok && typeof view.status === 'string' ? view.status : String(res.status),
      );
    }
    return this.report;
  }

  private async call(method: string, path: string, body?: unknown): Promise<Response | undefined> {
    try {
      const token = await this.tokens.token();
      return await fetch(`${this.options.referralUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      // The token source's messages name the client and the provider, never the secret or a token.
      this.log(
        `intake system: no HTTP calls this run (${(error as Error).message}); the waiting-list events go on`,
      );
      this.unavailable = true;
      return undefined;
    }
  }
}
