/**
 * Secret values never leave phoenix-ops: every output that could carry a value found in the project
 * (env defaults, diffs of the user's files) passes through here first.
 */

export const REDACTED = '<redacted>';

/** Names whose values are credentials: *_PASSWORD, *_SECRET*, *_TOKEN, *_KEY, *_DSN, SECRET_KEY_BASE, RELEASE_COOKIE, DATABASE_URL… */
/** The last word(s) of a name that make it a setting about a credential rather than one. */
const SETTING_ABOUT_CREDENTIAL = /_(DOMAIN|LIMIT|TTL|EXPIRY|EXPIRES|EXPIRATION|LIFETIME|MAX_AGE|NAME|LENGTH|MIN_LENGTH|TIMEOUT|SAME_SITE|SECURE|HEADER|ENABLED|DISABLED|FILE|PATH|SIZE|COUNT|LEEWAY|ISSUER|AUDIENCE|ALGORITHM)$/;

export function isCredentialName(name: string): boolean {
  const n = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  if (n === 'SECRET_KEY_BASE' || n === 'RELEASE_COOKIE' || n === 'COOKIE') return true;
  // A setting about a credential, not the credential: SESSION_COOKIE_DOMAIN, API_TOKEN_LIMIT,
  // TOKEN_TTL, PASSWORD_MIN_LENGTH, and Docker's *_FILE convention (the path to a secret file).
  if (SETTING_ABOUT_CREDENTIAL.test(n)) return false;
  if (/(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|SECRETS|TOKEN|CREDENTIALS?|PRIVATE|SALT_SECRET|API_?KEY|DSN|COOKIE)(_|$)/.test(n)) return true;
  return /(^|_)KEY$/.test(n);
}

/** Connection URLs that carry a password: DATABASE_URL, REDIS_URL, POSTGRES_URL, AMQP_URL… */
export function isConnectionUrlName(name: string): boolean {
  return /(^|_)(DATABASE|REDIS|POSTGRES|PG|MYSQL|AMQP|RABBITMQ|MONGO(DB)?)_URL$/.test(name.toUpperCase());
}

/** A value that looks like a credential whatever its name: provider key prefixes, long random tokens, passwords in URLs. */
export function looksLikeSecretValue(value: string): boolean {
  if (/^(sk|pk|rk)_(live|test)_/.test(value) || /^(ghp|gho|ghs|github_pat|xox[bpas])_/.test(value) || /^AKIA[0-9A-Z]{12,}/.test(value)) return true;
  if (/:\/\/[^/\s:@]+:[^@\s]+@/.test(value)) return true;
  return value.length >= 24 && /^[A-Za-z0-9_\-+/=.]+$/.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && !/^\/|\.(com|org|io|net|dev|app)$/.test(value);
}

/**
 * A value that stands in for a credential rather than being one: empty, an instruction or a
 * reference (`[generate with openssl rand -base64 64]`, `<your key>`, `${SECRET}`, `changeme`), a
 * local development default (`postgres`, `password`), or a value without entropy (the all-zero
 * test keys captcha providers document).
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2').trim();
  if (v === '') return true;
  if (/^[[<{(].*[\]>})]$/.test(v) || v.includes('${') || v.includes('{{') || /^\$\w+$/.test(v)) return true;
  if (/\s/.test(v)) return true;
  if (/change.?me|changeit|replace|your[_-]|generate|example|placeholder|^x{3,}$|todo|fixme|dummy|insert|^\.{3}$/i.test(v)) return true;
  if (/^(postgres|password|secret|admin|root|test|dev|development|local|localhost|guest|default|none|null|nil|123456|12345678|qwerty)$/i.test(v)) return true;
  // No entropy: one character repeated, after an optional prefix (`0x0000…`, `sk_test_xxxx`).
  const body = v.replace(/^(0x|[a-z]{1,4}[_-])/i, '').replace(/^(test|live)_/i, '');
  return body.length >= 4 && new Set(body.replace(/[-_]/g, '')).size <= 1;
}

/**
 * Keys their providers publish as safe in a browser: PostHog project keys (`phc_`), Stripe
 * publishable keys (`pk_live_`/`pk_test_`), Mapbox public tokens (`pk.`).
 */
export function isPublicKeyValue(value: string): boolean {
  return /^(phc_|pk_(live|test)_|pk\.ey)/.test(value.trim());
}

/** The value to show for `name`: itself, or `<redacted>` (URLs keep everything but the password). */
export function redactValue(name: string, value: string | null): string | null {
  if (value === null || value === '') return value;
  // References, not values: ${VAR}, {{placeholder}}, <redacted>.
  if (value.includes('${') || value.includes('{{') || value.includes(REDACTED) || value.startsWith('$')) return value;
  if (isCredentialName(name) && !/^(true|false|\d+)$/.test(value)) {
    const url = /^([a-z][a-z0-9+.-]*:\/\/)([^/\s:@]+):[^@\s]+@(.*)$/i.exec(value);
    return url ? `${url[1]}${url[2]}:${REDACTED}@${url[3]}` : REDACTED;
  }
  if (looksLikeSecretValue(value)) {
    const url = /^([a-z][a-z0-9+.-]*:\/\/)([^/\s:@]+):[^@\s]+@(.*)$/i.exec(value);
    return url ? `${url[1]}${url[2]}:${REDACTED}@${url[3]}` : REDACTED;
  }
  return value;
}

/**
 * Redacts `NAME = "value"`, `NAME: value`, `NAME=value` and `name: "value"` assignments with a secret-like
 * name, and secret-looking quoted values, in free text (diff lines of the user's files).
 */
export function redactText(text: string): string {
  const swap = (whole: string, name: string, sep: string, q: string, value: string) => {
    const shown = redactValue(name, value);
    return shown === value ? whole : `${name}${sep}${q}${shown}${q}`;
  };
  return text
    .split('\n')
    .map((line) =>
      line
        // quoted values: `api_key: "…"`, `PASSWORD = "…"`, `"token" => "…"`
        .replace(/\b([A-Za-z_][A-Za-z0-9_]*)("?\s*(?:=|:|=>)\s*)(["'])([^"'\n]+)\3/g, swap)
        // dotenv / shell / TOML-less style: `SECRET_KEY_BASE=…`
        .replace(/\b([A-Z][A-Z0-9_]*)(=)()([^\s"'$]+)/g, swap)
        // any other quoted token that looks like a credential
        .replace(/"([^"\s]{24,})"/g, (whole, value: string) => (!value.includes(REDACTED) && looksLikeSecretValue(value) ? `"${REDACTED}"` : whole)),
    )
    .join('\n');
}
