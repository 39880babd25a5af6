import { describe, expect, it } from 'vitest';
import { didYouMean, nearest } from '../../src/model/did-you-mean.js';
import { runCli } from '../helpers/cli.js';
import { EXAMPLE } from '../helpers/project.js';

describe('did you mean', () => {
  it('names a near miss, and nothing for a word close to no candidate', () => {
    expect(nearest('csp-mising', ['csp-missing', 'hsts-missing'])).toBe('csp-missing');
    expect(nearest('flyy', ['fly', 'k8s'])).toBe('fly');
    expect(nearest('k9s', ['fly', 'k8s'])).toBe('k8s');
    expect(nearest('audti', ['audit', 'scan'])).toBe('audit');
    expect(nearest('zzz', ['fly', 'k8s'])).toBeNull();
    expect(didYouMean('zzz', ['fly'])).toBe('');
    expect(nearest('x', [])).toBeNull();
  });

  it.each([
    [['audit', EXAMPLE, '--only', 'csp-mising'], 'Did you mean "csp-missing"?'],
    [['audit', EXAMPLE, '--skip', 'https-not-enforce'], 'Did you mean "https-not-enforced"?'],
    [['explain', 'hsts-max-age-shrot'], 'Did you mean "hsts-max-age-short"?'],
    [['plan', EXAMPLE, '--target', 'flyy'], 'Did you mean "fly"?'],
    [['cost', EXAMPLE, '--target', 'k9s'], 'Did you mean "k8s"?'],
  ])('%j: exit 2, one line naming the id meant', (args, hint) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(hint);
  });
});
