/** The sign-in, registration and password-reset routes of the main router (by their last path segment), for the audit and for rate limits at a proxy. */
import type { Profile, Route } from '../scan/profile.js';
import { prodRoutes } from './router.js';

export type AuthKind = 'sign-in' | 'registration' | 'password reset';

const SIGN_IN = /^(log[_-]?in|sign[_-]?in)$/i;
const SESSION = /^sessions?$/i;
const REGISTER = /^(register|registrations?|sign[_-]?up)$/i;
const RESET = /^((reset|forgot)[_-]?password|password[_-]?(reset|forgot))$/i;

/** What a route does for authentication, from its verb and last path segment; null when it is not a form that takes credentials. */
export function authKind(r: Route): AuthKind | null {
  if (!['post', 'live', 'resources'].includes(r.verb)) return null;
  const last = r.path.split('/').filter(Boolean).pop();
  // `/users/reset_password/:token`, `/users/log-in/:token`: guarded by an unguessable token.
  if (!last || last.startsWith(':') || last.startsWith('*')) return null;
  if (SIGN_IN.test(last) || (SESSION.test(last) && r.verb !== 'live')) return 'sign-in';
  if (REGISTER.test(last)) return 'registration';
  if (RESET.test(last)) return 'password reset';
  return null;
}

/** Prod routes that take credentials, each with its kind. */
export function authRoutes(p: Profile): { route: Route; kind: AuthKind }[] {
  return prodRoutes(p)
    .map((route) => ({ route, kind: authKind(route) }))
    .filter((x): x is { route: Route; kind: AuthKind } => x.kind !== null);
}
