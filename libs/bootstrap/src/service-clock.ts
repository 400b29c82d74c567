import { Clock, FileClock, systemClock } from '@samenspel/clock';
import type { ServiceConfig } from './service-config';

/** The clock a service tells the time by: the system clock, or in a test the one CLOCK_FILE sets. */
export function serviceClock(config: Pick<ServiceConfig, 'CLOCK_FILE'>): Clock {
  return config.CLOCK_FILE ? new FileClock(config.CLOCK_FILE) : systemClock;
}
