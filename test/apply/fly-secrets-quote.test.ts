/**
 * `fly secrets import` keeps every byte (issue 20): flyctl's parser (internal/command/secrets/parser.go, which the
 * stub's parseSecrets follows rule for rule) cuts an unquoted value at `#`, strips quotes and ends a line at a
 * newline, so each value is quoted for it — or refused, naming the variable and never showing the value.
 */
import { describe, expect, it } from 'vitest';
import { quoteFlySecret, UnquotableSecretError } from '../../src/apply/fly-secrets-quote.js';
// @ts-expect-error: a plain .mjs stub without types
import { parseSecrets } from './stubs/fly-secrets.mjs';
import { runApply, StubWorld, targetProject } from './harness.js';

const parse = parseSecrets as (text: string) => Record<string, string>;

const KEEPS = [
  'plain-value',
  'with # a hash',
  'a "quote" then # hash',
  'odd " quote then # hash',
  'odd " quote # and "more" # hashes',
  "'single quoted'",
  '"double quoted"',
  '"""triple"""',
  '  leading and trailing spaces  ',
  '',
  'tab\tinside',
  'line one # hash\nline "two"\n# line three looks like a comment\n',
  'ends with CR\r',
  'multi\nline\nlast\r',
];

describe('fly secrets import quoting', () => {
  it.each(KEEPS.map((v) => [JSON.stringify(v), v]))('%s reads back unchanged through flyctl\'s parser', (_label, value) => {
    expect(parse(`FIRST=x\nSECRET=${quoteFlySecret('SECRET', value)}\nLAST=y\n`)).toEqual({ FIRST: 'x', SECRET: value, LAST: 'y' });
  });

  it('refuses what the parser cannot carry, naming the variable and never the value', () => {
    for (const value of ['first """\nsecond', 'first\r\nsecond', 'a"b # c\nsecond', `${'a'.repeat(70_000)}`]) {
      let err: unknown = null;
      try {
        quoteFlySecret('API_TOKEN', value);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UnquotableSecretError);
      const message = (err as Error).message;
      expect(message).toMatch(/^API_TOKEN cannot be passed to fly secrets import unchanged: /);
      expect(message).not.toContain(value.slice(0, 5));
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('apply: a value with "#", a double quote and a newline reaches Fly byte for byte', { timeout: 120_000 }, async () => {
    const p = await targetProject('fly', 'version: 1\napp: hello-phoenix\ntargets: [fly]\nsecrets: [MAILER_API_KEY]\n');
    const w = new StubWorld();
    const value = 'key-"abc"#def\nsecond line # kept';
    const out = await runApply(w, p, { env: { MAILER_API_KEY: value } });
    expect(out.run.outcome, out.output).toBe('applied');
    expect(w.secretValues()).toContain(value);
  });

  it('apply: a value flyctl would change stops the step with the reason, naming the variable', { timeout: 120_000 }, async () => {
    const p = await targetProject('fly', 'version: 1\napp: hello-phoenix\ntargets: [fly]\nsecrets: [MAILER_API_KEY]\n');
    const w = new StubWorld();
    const value = 'ends-with-triple"""\nsecond';
    const out = await runApply(w, p, { env: { MAILER_API_KEY: value } });
    expect(out.run.outcome).toBe('rolled-back');
    expect(out.run.error).toContain('MAILER_API_KEY cannot be passed to fly secrets import unchanged');
    expect(out.output).not.toContain('ends-with-triple');
  });
});
