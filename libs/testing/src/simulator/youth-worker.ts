import { DEV_TEAMS } from '@samenspel/contracts';
import { DEFAULT_AUTH_AUDIENCE, type Role } from '@samenspel/http';
import { DEV_ISSUER, devSigningKeysFile, signDevAccessToken } from '@samenspel/identity-provider';
import { REPO_ROOT } from '../infrastructure';
import { refusalReason, tally } from './intake-system';

/** The youth workers the simulator plays: they accept a share of their teams' bridging offers. */
export interface YouthWorkerOptions {
  /** The notification service; its workspace routes accept an offer in bridging as the worker. */
  notificationUrl: string;
  /** Share of the offers accepted (0-1); the others are left to lapse, as an unanswered offer does. */
  accept: number;
  /** Seconds between two looks at the open offer tasks. */
  intervalSeconds?: number;
}

export interface YouthWorkerReport {
  /** Offers seen and decided on, once each (an offer may come back in a new task). */
  seen: number;
  accepted: number;
  /** Accepts the services refused (the hold lapsed, the offer was withdrawn): the reason counted only. */
  refused: Record<string, number>;
}

interface OfferTask {
  id: string;
  teamId: string;
  youthRef: string;
  offerId?: string;
  createdAt: string;
}

/**
 * The share of offers the simulated youth workers accept: 3 in 5, so that acceptance shows for
 * each development municipality within minutes of simulating.
 */
export const DEFAULT_ACCEPT_SHARE = 0.6;

const OPEN_OFFERS = '/api/v1/tasks?type=bridging-offer&status=open&limit=200';

/**
 * A person's token as `npm run -s token` makes it: signed with the key of the development provider
 * the services trust (the one `npm start` runs, or the test run's), since a simulated person
 * cannot sign in at a page.
 */
async function personHeader(role: Role, claims: { teamId?: string; sub: string }, env = process.env) {
  const token = await signDevAccessToken(
    { role, ...claims },
    {
      keysFile: env.DEV_IDP_KEYS_FILE || devSigningKeysFile(REPO_ROOT),
      issuer: env.AUTH_ISSUER || DEV_ISSUER,
      audience: env.AUTH_AUDIENCE || DEFAULT_AUTH_AUDIENCE,
    },
  );
  return { authorization: `Bearer ${token}` };
}

/** Whether one offer is accepted, for a roll in [0, 1): the first `share` of the range. */
export function acceptsOffer(roll: number, share: number): boolean {
  return roll < share;
}

/**
 * Plays a youth worker of each development team until `until` (epoch ms): every few seconds each
 * lists their team's open offer tasks, decides once per offer, and accepts the chosen ones through
 * the workspace route with their own token, as the team's page does.
 */
export async function playYouthWorkers(
  options: YouthWorkerOptions,
  until: () => number,
  log: (line: string) => void,
  onAccepted: (youthRef: string) => void = () => undefined,
): Promise<YouthWorkerReport> {
  const report: YouthWorkerReport = { seen: 0, accepted: 0, refused: {} };
  const decided = new Set<string>();
  // Offers of an earlier run were decided on by that run: an offer left to lapse stays unanswered.
  const since = Date.now();
  const interval = (options.intervalSeconds ?? 3) * 1000;
  const workers = await Promise.all(
    DEV_TEAMS.map((team) => personHeader('youth-worker', { teamId: team.id, sub: `simulator-${team.key}` })),
  );
  let unreachableLogged = false;
  while (Date.now() < until()) {
    const started = Date.now();
    for (const worker of workers) {
      let tasks: OfferTask[] = [];
      try {
        const res = await fetch(`${options.notificationUrl}${OPEN_OFFERS}`, { headers: worker });
        if (!res.ok) throw new Error(`status ${res.status}`);
        tasks = ((await res.json()) as { items: OfferTask[] }).items;
      } catch (error) {
        if (!unreachableLogged) log(`youth workers: cannot list offer tasks (${(error as Error).message})`);
        unreachableLogged = true;
      }
      for (const task of tasks) {
        // One decision per offer, so that the share holds for offers however often their task recurs.
        const offer = task.offerId ?? task.id;
        if (decided.has(offer) || Date.parse(task.createdAt) < since) continue;
        decided.add(offer);
        report.seen += 1;
        if (!acceptsOffer(Math.random(), options.accept)) continue;
        const res = await fetch(`${options.notificationUrl}/api/v1/workspace/tasks/${task.id}/accept`, {
          method: 'POST',
          headers: worker,
        });
        if (res.ok) {
          report.accepted += 1;
          onAccepted(task.youthRef);
        } else {
          tally(report.refused, refusalReason(res.status, (await res.json().catch(() => ({}))) as object));
        }
      }
    }
    const wait = started + interval - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, Math.max(0, until() - Date.now()))));
  }
  return report;
}
