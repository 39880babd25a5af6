/**
 * Which names hold secrets — one meaning per name, the same in every stage:
 * - `isSecretName`: an env var whose value is a credential or key material (SECRET_KEY_BASE,
 *   *_PASSWORD, *_TOKEN, *_KEY, *_SECRET*, salts, connection URLs such as DATABASE_URL and REDIS_URL).
 *   The audit (committed or build-time secrets), the config warnings and the required-env roles use it.
 * - `isPlatformSecretName`: what a target puts in the platform's secret store rather than in plain env:
 *   every secret name, and any other *_URL too (a URL may embed credentials).
 * - `isSecretConfigKey`: a config key (not an env var) that holds a credential (`api_key:`, `password:`).
 * Redaction's credential heuristic (scan/redact.ts `isCredentialName`) is underneath the first.
 */
import { isConnectionUrlName, isCredentialName } from '../scan/redact.js';

/** Names that carry a credential or key material: *_PASSWORD, *_TOKEN, *_KEY, *_SECRET*, *_SALT, *_KEY_BASE, connection URLs. */
export function isSecretName(name: string): boolean {
  const n = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  if (isCredentialName(n) || isConnectionUrlName(n)) return true;
  // Salts and key bases derive signing/encryption keys (LIVE_VIEW_SIGNING_SALT, TOKENS_KEY_BASE).
  return /(^|_)(SALT|KEY_BASE|SIGNING_KEY|ENCRYPTION_KEY)(_|$)/.test(n);
}

/**
 * A value people read, not a generated token: words and numbers joined by `-`, `_`, `.` or `:`
 * (`production-eol-2025-10-05`, `cdn-2025-02-25.internal`, `app_v2`). A random token mixes letters
 * and digits inside its runs; a deploy label keeps each run all letters or all digits.
 */
export function isReadableLabel(value: string): boolean {
  const runs = value.split(/[-_.:]+/).filter(Boolean);
  return runs.length > 1 && runs.every((r) => /^[a-z]+$/i.test(r) || /^[0-9]+$/.test(r));
}

/** On a platform, any *_URL may embed credentials: it goes to the secret store, not plain env. */
export function isPlatformSecretName(name: string): boolean {
  return isSecretName(name) || /_URL$/i.test(name);
}

/**
 * Keys that hold credentials: *password, *secret, *api_key, *token, *private_key, *access_key…
 * Matched on the last word(s) of the key so `password_reset_url`, `token_ttl`, `secret_key_base`
 * (its own rule) and salts (`signing_salt`, `encryption_salt`: not secrets) are left alone.
 */
const SECRET_CONFIG_KEY_RE = /(^|_)(password|passwd|pass|secret|client_secret|secret_key|api_key|apikey|api_token|token|access_token|auth_token|refresh_token|private_key|access_key|secret_access_key|webhook_secret|signing_secret|license_key)$/i;
const NOT_SECRET_CONFIG_KEY_RE = /^(secret_key_base|signing_salt|encryption_salt|salt)$|_salt$/i;

export function isSecretConfigKey(key: string): boolean {
  return SECRET_CONFIG_KEY_RE.test(key) && !NOT_SECRET_CONFIG_KEY_RE.test(key);
}
