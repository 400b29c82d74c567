import type { IncomingMessage } from 'node:http';
import type { Principal } from './principal';

/** An HTTP request once the AuthGuard has run. */
export interface AuthenticatedRequest extends IncomingMessage {
  principal?: Principal;
  /** The verified bearer token itself, for a call made on to another service as the same person. */
  bearerToken?: string;
}
