import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@samenspel/http';
import { Counter } from 'prom-client';

/** Counters of the referral flow, labelled with vocabulary only (never refs). */
@Injectable()
export class ReferralMetrics {
  readonly created: Counter<'direction' | 'phase' | 'routed'>;
  readonly transitions: Counter<'to'>;
  readonly consentMissing: Counter<'origin'>;

  constructor(registry: MetricsRegistry) {
    this.created = new Counter({
      name: 'referral_created_total',
      help: 'Referrals created, by direction, phase and whether a team was found',
      labelNames: ['direction', 'phase', 'routed'],
      registers: [registry],
    });
    this.transitions = new Counter({
      name: 'referral_transitions_total',
      help: 'Referral status transitions, by target status',
      labelNames: ['to'],
      registers: [registry],
    });
    this.consentMissing = new Counter({
      name: 'referral_consent_missing_total',
      help: 'Inbound referrals and handovers refused for missing or invalid consent',
      labelNames: ['origin'],
      registers: [registry],
    });
  }
}
