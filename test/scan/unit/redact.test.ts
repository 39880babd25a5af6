import { describe, expect, it } from 'vitest';
import { isCredentialName, redactText, redactValue, REDACTED } from '../../../src/scan/redact.js';

describe('redaction', () => {
  it('recognises secret names, not ordinary ones', () => {
    for (const n of ['SECRET_KEY_BASE', 'STRIPE_SECRET_KEY', 'SMTP_PASSWORD', 'GITHUB_TOKEN', 'SENTRY_DSN', 'RELEASE_COOKIE', 'api_key', 'MAILGUN_API_KEY']) expect(isCredentialName(n), n).toBe(true);
    for (const n of ['PHX_HOST', 'PORT', 'POOL_SIZE', 'DNS_CLUSTER_QUERY', 'ECTO_IPV6', 'signing_salt', 'KEYCLOAK_REALM']) expect(isCredentialName(n), n).toBe(false);
    // Settings about a credential are not one.
    for (const n of ['SESSION_COOKIE_DOMAIN', 'API_GRAPHQL_TOKEN_LIMIT', 'TOKEN_TTL', 'PASSWORD_MIN_LENGTH', 'DATABASE_PASSWORD_FILE', 'COOKIE_SAME_SITE']) expect(isCredentialName(n), n).toBe(false);
    for (const n of ['SESSION_COOKIE_SIGNING_SALT_SECRET', 'GITHUB_TOKEN', 'SMTP_PASSWORD']) expect(isCredentialName(n), n).toBe(true);
  });
  it('redacts values by name and by shape, keeping URLs readable', () => {
    expect(redactValue('STRIPE_SECRET_KEY', 'sk_live_123')).toBe(REDACTED);
    expect(redactValue('FALLBACK', 'sk_live_51HxYzAbCdEf')).toBe(REDACTED);
    expect(redactValue('DATABASE_URL', 'ecto://app:hunter2@db.internal/app')).toBe(`ecto://app:${REDACTED}@db.internal/app`);
    expect(redactValue('PHX_HOST', 'example.com')).toBe('example.com');
    expect(redactValue('POOL_SIZE', '10')).toBe('10');
    expect(redactValue('RELEASE_COOKIE', '${RELEASE_COOKIE}')).toBe('${RELEASE_COOKIE}');
  });
  it('redacts assignments in diff text and leaves code alone', () => {
    const text = [
      '+  secret_key_base: "aGVsbG8gd29ybGQgdGhpcyBpcyBhIHNlY3JldA1234",',
      '-  secret_key_base: System.get_env("SECRET_KEY_BASE"),',
      '+SMTP_PASSWORD=correct-horse',
      '+  STRIPE_KEY = "sk_live_abc"',
      '   PHX_HOST = "hello.fly.dev"',
    ].join('\n');
    const out = redactText(text);
    expect(out).not.toContain('aGVsbG8');
    expect(out).not.toContain('correct-horse');
    expect(out).not.toContain('sk_live_abc');
    expect(out).toContain('System.get_env("SECRET_KEY_BASE")');
    expect(out).toContain('PHX_HOST = "hello.fly.dev"');
  });
});
