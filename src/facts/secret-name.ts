/**
 * Whether an env var's value is a secret, the one predicate every stage uses: audit rules (committed
 * or compile-time secrets), targets (secret store vs plain env), the config warnings, and redaction's
 * credential heuristic (src/scan/redact.ts) underneath.
 */
import { isConnectionUrlName, isSecretName as isCredentialName } from '../scan/redact.js';

/** Names that carry a credential or key material: *_PASSWORD, *_TOKEN, *_KEY, *_SECRET*, *_SALT, *_KEY_BASE, connection URLs. */
export function isSecretName(name: string): boolean {
  const n = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  if (isCredentialName(n) || isConnectionUrlName(n)) return true;
  // Salts and key bases derive signing/encryption keys (LIVE_VIEW_SIGNING_SALT, TOKENS_KEY_BASE).
  return /(^|_)(SALT|KEY_BASE|SIGNING_KEY|ENCRYPTION_KEY)(_|$)/.test(n);
}

/** On a platform, any *_URL may embed credentials: it goes to the secret store, not plain env. */
export function isSecretEnvName(name: string): boolean {
  return isSecretName(name) || /_URL$/i.test(name);
}
