/**
 * `--help` of every command (exit 0, lists its flags), `--version`, and unknown commands/flags.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, type CliResult } from '../helpers/cli.js';
import { EXAMPLE, REPO } from '../helpers/project.js';

/** Each command's flags, as the README documents them. */
const FLAGS: Record<string, string[]> = {
  scan: ['--json', '--cache', '--no-cache', '--cache-location'],
  audit: ['--format', '--fail-on', '--only', '--skip', '--show-suppressed', '--cache', '--no-cache', '--cache-location'],
  init: ['--target', '--force', '--stdout'],
  plan: ['--target', '--json', '--no-diff', '--no-rehearse'],
  generate: ['--target', '--yes', '--force', '--dry-run', '--apply-patches', '--no-rehearse'],
  rehearse: ['--target', '--json'],
  cost: ['--target', '--compare', '--json'],
  report: ['--format'],
  explain: ['--list'],
  verify: ['--format', '--fail-on', '--rate-limit-probe', '--timeout', '--max-requests', '--http-port', '--ca-file', '--health-path', '--readiness-path', '--only', '--skip'],
};

const TARGETS = ['docker', 'fly', 'k8s', 'cloudrun', 'aws', 'systemd', 'github-actions', 'compose'];
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };

describe('--help and --version', () => {
  const help: Record<string, CliResult> = {};
  const other: Record<string, CliResult> = {};

  beforeAll(async () => {
    const cmds = Object.keys(FLAGS);
    const [a, b] = await Promise.all([
      Promise.all(cmds.map(async (c) => [c, await runCliAsync([c, '--help'])] as const)),
      Promise.all(
        Object.entries({
          root: ['--help'],
          version: ['--version'],
          V: ['-V'],
          explainList: ['explain', '--list'],
          explainOne: ['explain', 'https-not-enforced'],
          explainUnknown: ['explain', 'no-such-rule'],
          unknownFlag: ['audit', EXAMPLE, '--no-such-flag'],
          nearFlag: ['audit', EXAMPLE, '--fromat', 'json'],
          nearCommand: ['scna', EXAMPLE],
          swappedCommand: ['audti'],
          notACommand: ['no-such-folder'],
          missingValue: ['audit', EXAMPLE, '--format'],
        }).map(async ([k, args]) => [k, await runCliAsync(args)] as const),
      ),
    ]);
    for (const [k, r] of a) help[k] = r;
    for (const [k, r] of b) other[k] = r;
  });

  it.each(Object.keys(FLAGS))('%s --help exits 0 and lists every flag', (cmd) => {
    const r = help[cmd]!;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Usage: phoenix-ops ${cmd} `));
    for (const f of FLAGS[cmd]!) expect(r.stdout, `${cmd} --help lists ${f}`).toMatch(new RegExp(`(^|[ ,])${f}\\b`, 'm'));
    expect(r.stdout).toContain('--help');
  });

  it.each(['init', 'plan', 'generate', 'rehearse'])('%s --help names every target', (cmd) => {
    for (const t of TARGETS) expect(help[cmd]!.stdout).toContain(t);
  });

  it('audit --help lists the format and severity choices', () => {
    for (const v of ['text', 'json', 'sarif', 'markdown', 'html', 'critical', 'high', 'medium', 'low', 'none']) expect(help.audit!.stdout).toContain(v);
  });

  it('the top-level --help lists every command and the global flags', () => {
    const r = other.root!;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const c of Object.keys(FLAGS)) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    for (const f of ['--version', '--debug', '--help']) expect(r.stdout).toContain(f);
  });

  it('--version and -V print the package version', () => {
    for (const r of [other.version!, other.V!]) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`${pkg.version}\n`);
    }
  });

  it('explain --list prints the catalog; explain <id> its docs; an unknown id is exit 2', () => {
    expect(other.explainList!.code).toBe(0);
    expect(other.explainList!.stdout).toMatch(/^https-not-enforced +high +web-security +/m);
    expect(other.explainOne!.code).toBe(0);
    expect(other.explainOne!.stdout.length).toBeGreaterThan(100);
    expect(other.explainOne!.stdout).toMatch(/HTTPS|force_ssl/);
    expect(other.explainOne!.stdout).toContain('\nApplies when: a Phoenix endpoint was found.');
    expect(other.explainUnknown!.code).toBe(2);
    expect(other.explainUnknown!.stdout).toBe('');
    expect(other.explainUnknown!.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('an unknown flag or a flag without its value is exit 2 with one line on stderr', () => {
    for (const k of ['unknownFlag', 'missingValue']) {
      const r = other[k]!;
      expect(r.code, k).toBe(2);
      expect(r.stdout, k).toBe('');
      expect(r.stderr.trimEnd().split('\n'), `${k}: ${r.stderr}`).toHaveLength(1);
    }
    expect(other.unknownFlag!.stderr).toContain('--no-such-flag');
  });

  it('a near miss of a flag or a command is named with the one it is close to (exit 2, one line)', () => {
    const lines = (k: string) => other[k]?.stderr.trimEnd().split('\n') ?? [];
    expect(other.nearFlag?.code).toBe(2);
    expect(lines('nearFlag')).toEqual([expect.stringContaining("unknown option '--fromat'. Did you mean --format?")]);
    expect(other.nearCommand?.code).toBe(2);
    expect(lines('nearCommand')).toEqual(["phoenix-ops: unknown command 'scna'. Did you mean 'scan'?"]);
    expect(lines('swappedCommand')).toEqual(["phoenix-ops: unknown command 'audti'. Did you mean 'audit'?"]);
    // A word close to no command is the default command's folder, which does not exist.
    expect(other.notACommand?.code).toBe(2);
    expect(lines('notACommand')).toEqual(['phoenix-ops: no-such-folder: no such file or folder']);
  });
});
