/**
 * `audit.ignore` in phoenix-ops.yaml is checked (issue 21: a misspelled rule id or path was accepted
 * silently): an unknown id is an error at file:line:col with the nearest id; a path that matches no file
 * or folder is a warning at file:line:col with the nearest path (as ESLint reports unused disable
 * directives); a path relative to the project folder suppresses findings in a subfolder project.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/plan/config.js';
import { audit } from '../../src/audit/engine.js';
import { loadConfig } from '../../src/plan/config.js';
import { runCliAsync } from '../helpers/cli.js';
import { fixture, makeProject, scanProject } from '../helpers/project.js';
import { scan } from '../../src/scan/index.js';
import { join } from 'node:path';

const IDS = ['csp-missing', 'https-not-enforced', 'hsts-header-missing'];
const known = { knownRuleIds: async () => IDS };

async function issuesOf(text: string): Promise<{ error: ConfigError | null; warnings: string[] }> {
  const profile = await scanProject();
  try {
    const { warnings } = await parseConfig(text, profile, 'phoenix-ops.yaml', known);
    return { error: null, warnings };
  } catch (e) {
    if (e instanceof ConfigError) return { error: e, warnings: [] };
    throw e;
  }
}

describe('audit.ignore in phoenix-ops.yaml', () => {
  it('an unknown rule id is an error at the id, with the nearest id', async () => {
    const { error } = await issuesOf('version: 1\naudit:\n  ignore:\n    - rule: https-not-enforced\n      reason: TLS ends at the proxy\n    - rule: csp-mising\n      reason: the proxy sets it\n');
    expect(error?.message).toBe('phoenix-ops.yaml:6:13: unknown rule id "csp-mising" in audit.ignore[1].rule (`phoenix-ops explain --list` lists them); did you mean csp-missing?');
    expect(error?.path).toBe('audit.ignore[1].rule');
  });

  it('an id close to nothing is an error with no suggestion; every bad id is listed', async () => {
    const { error } = await issuesOf('audit:\n  ignore:\n    - { rule: totally-else, reason: x }\n    - { rule: hsts-header-mising, reason: y }\n');
    expect(error?.issues.map((i) => `${i.line}:${i.column} ${i.reason}`)).toEqual([
      '3:15 unknown rule id "totally-else" in audit.ignore[0].rule (`phoenix-ops explain --list` lists them)',
      '4:15 unknown rule id "hsts-header-mising" in audit.ignore[1].rule (`phoenix-ops explain --list` lists them); did you mean hsts-header-missing?',
    ]);
  });

  it('a path that matches no file or folder is a warning at the path, with the nearest path; existing files and folders are fine', async () => {
    const { error, warnings } = await issuesOf(
      'audit:\n  ignore:\n    - rule: csp-missing\n      path: lib/hello_phoenix_web/routr.ex\n      reason: x\n    - rule: csp-missing\n      path: lib/hello_phoenix_web/router.ex\n      reason: y\n    - rule: https-not-enforced\n      path: config/\n      reason: z\n',
    );
    expect(error).toBeNull();
    expect(warnings).toEqual([
      'phoenix-ops.yaml:4:13: audit.ignore[0].path "lib/hello_phoenix_web/routr.ex" matches no file or folder of the project, so this ignore covers nothing; did you mean lib/hello_phoenix_web/router.ex?',
    ]);
  });

  it('the CLI: a misspelled id is exit 2 with one line naming file:line:col; a stale path warns and the command runs', async () => {
    const bad = makeProject({ 'phoenix-ops.yaml': 'version: 1\naudit:\n  ignore:\n    - rule: csp-mising\n      reason: the proxy sets it\n' });
    const stale = makeProject({ 'phoenix-ops.yaml': 'version: 1\naudit:\n  ignore:\n    - rule: csp-missing\n      path: lib/old_router.ex\n      reason: the proxy sets it\n' });
    // A verify check id is a valid ignore too (verify reads the same list).
    const check = makeProject({ 'phoenix-ops.yaml': 'version: 1\naudit:\n  ignore:\n    - rule: hsts-max-age-short\n      reason: preload list later\n' });
    const [b, s, c] = await Promise.all([runCliAsync(['audit', bad]), runCliAsync(['plan', stale]), runCliAsync(['audit', check])]);
    expect(b.code).toBe(2);
    expect(b.stdout).toBe('');
    expect(b.stderr).toBe('phoenix-ops: phoenix-ops.yaml:4:13: unknown rule id "csp-mising" in audit.ignore[0].rule (`phoenix-ops explain --list` lists them); did you mean csp-missing?\n');
    expect(s.code).toBe(0);
    expect(s.stderr).toMatch(/^warning: phoenix-ops\.yaml:5:13: audit\.ignore\[0\]\.path "lib\/old_router\.ex" matches no file or folder of the project/);
    expect(c.code, c.stderr).toBeLessThan(2);
    expect(c.stderr).toBe('');
  }, 60_000);

  it('a path relative to the project folder suppresses findings of a project in a subfolder', async () => {
    const root = fixture('subfolder');
    const profile = await scan(root);
    expect(profile.projectPath).toBe('backend');
    const before = audit(profile);
    const target = before.findings.find((f) => f.evidence[0]?.file.startsWith('backend/lib/'))!;
    const rel = target.evidence[0]!.file.slice('backend/'.length);
    const { config, warnings } = await loadConfig(join(root, 'backend'), profile);
    expect(warnings).toEqual([]);
    config.audit.ignore = [{ rule: target.ruleId, path: rel, reason: 'handled elsewhere' }];
    const after = audit(profile, { deploy: config });
    expect(after.suppressed.map((f) => f.fingerprint)).toContain(target.fingerprint);
  });
});
