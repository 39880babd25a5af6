/**
 * The systemd target on the example app and every fixture: the unit parsed section by section and run
 * through `systemd-analyze verify`, deploy.sh through shellcheck and then actually run against stub
 * systemctl/systemd-run/curl commands (migrate before switch, atomic switch, rollback, pruning).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetOutput } from '../../src/model/plan.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { target } from '../../src/targets/systemd/index.js';
import { validateShell } from '../helpers/validate.js';
import { hasBinary, parseSystemdUnit, projectDirs, systemdAnalyzeVerify } from '../helpers/validate-more.js';

/** Rendered as generate --apply-patches does: the health route patch is applied, so probes ask for it. */
const APPLIED = { acceptedPatches: new Set(['health-route']) };

interface Case {
  name: string;
  profile: Profile;
  config: DeployConfig;
  out: TargetOutput;
}

const cases: Case[] = [];
const counts = { units: 0, verified: 0, scripts: 0 };
// scripts/test.sh installs it; only a local run without it skips (CI fails instead).
const HAS_SYSTEMD_ANALYZE = hasBinary('systemd-analyze') || !!process.env.CI;

beforeAll(async () => {
  for (const { name, dir } of projectDirs()) {
    const profile = await scan(dir);
    const config: DeployConfig = { ...defaultConfig(profile), targets: ['systemd'] };
    cases.push({ name, profile, config, out: target.render(profile, config, APPLIED) });
  }
});

const get = (c: Case, suffix: string) => c.out.files.find((f) => f.path.endsWith(suffix))!;

describe('systemd target', () => {
  it('writes the unit, the env template and an executable deploy script', () => {
    for (const c of cases) {
      const app = c.config.app;
      const paths = c.out.files.map((f) => f.path);
      expect(paths.filter((p) => p.startsWith('deploy/')).sort()).toEqual([`deploy/systemd/${app}.env.example`, `deploy/systemd/${app}.nginx.conf`, `deploy/systemd/${app}.service`, 'deploy/systemd/deploy.sh'].sort());
      // deploy.sh runs the release's own scripts, so they come along; a server needs no Dockerfile.
      expect(paths).toContain('rel/overlays/bin/server');
      expect(paths.includes('rel/overlays/bin/migrate')).toBe(c.profile.database !== 'none');
      expect(paths).not.toContain('Dockerfile');
      expect(get(c, 'deploy.sh').mode).toBe(0o755);
      expect(target.includes).toEqual([]);
    }
  });

  it('the unit is hardened and wired to the release', () => {
    for (const c of cases) {
      const app = c.config.app;
      const unit = parseSystemdUnit(get(c, '.service').content);
      expect(Object.keys(unit)).toEqual(['Unit', 'Service', 'Install']);
      const s = unit.Service!;
      const one = (k: string) => {
        expect(s[k], `${c.name} ${k}`).toHaveLength(1);
        return s[k]![0];
      };
      expect(one('User')).toBe(c.config.systemd.user);
      expect(one('ExecStart')).toBe(`${c.config.systemd.installDir}/current/bin/server`);
      expect(one('ExecStop')).toMatch(new RegExp(`^${c.config.systemd.installDir}/current/bin/[a-z_0-9]+ stop$`));
      expect(one('EnvironmentFile')).toBe(`/etc/${app}/${app}.env`);
      expect(one('ProtectSystem')).toBe('strict');
      expect(one('ReadWritePaths')).toBe(`/var/lib/${app}`);
      for (const [k, v] of [['PrivateTmp', 'true'], ['NoNewPrivileges', 'true'], ['ProtectHome', 'true'], ['LimitNOFILE', '65536'], ['Restart', 'on-failure'], ['KillSignal', 'SIGTERM']]) {
        expect(one(k!), `${c.name} ${k}`).toBe(v);
      }
      expect(Number(one('TimeoutStopSec'))).toBeGreaterThan(0);
      expect(s.MemoryDenyWriteExecute).toBeUndefined();
      expect(unit.Install!.WantedBy).toEqual(['multi-user.target']);
      counts.units++;
    }
  });

  it.skipIf(!HAS_SYSTEMD_ANALYZE)('systemd-analyze verify accepts every unit (skipped when systemd-analyze is not installed)', async () => {
    for (const c of cases) {
      const app = c.config.app;
      const unit = parseSystemdUnit(get(c, '.service').content).Service!;
      const exes = [unit.ExecStart![0]!, unit.ExecStop![0]!.split(' ')[0]!];
      await systemdAnalyzeVerify(get(c, '.service').content, `${app}.service`, exes, [`/etc/${app}/${app}.env`]);
      counts.verified++;
    }
  });

  it.skipIf(!HAS_SYSTEMD_ANALYZE)('systemd-analyze verify would catch a misspelt key', async () => {
    const c = cases[0]!;
    const app = c.config.app;
    const bad = get(c, '.service').content.replace('ProtectHome=true', 'ProtectHom=true');
    const unit = parseSystemdUnit(bad).Service!;
    await expect(systemdAnalyzeVerify(bad, `${app}.service`, [unit.ExecStart![0]!, unit.ExecStop![0]!.split(' ')[0]!], [`/etc/${app}/${app}.env`])).rejects.toThrow(/Unknown key/);
  });

  it('deploy.sh passes shellcheck', async () => {
    for (const c of cases) {
      await validateShell(get(c, 'deploy.sh').content, `${c.name}/deploy.sh`);
      counts.scripts++;
    }
  });

  it('the env template holds names and placeholders, never secret values', () => {
    for (const c of cases) {
      const lines = get(c, '.env.example').content.split('\n').filter((l) => l && !l.startsWith('#'));
      const env = new Map(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      for (const s of c.out.secrets) expect(env.get(s.name), `${c.name} ${s.name}`).toMatch(/^<.+>$/);
      expect(env.get('PORT')).toBe(String(c.config.port));
      expect(env.get('PHX_SERVER')).toBe('true');
    }
  });

  it('is deterministic', () => {
    for (const c of cases) expect(JSON.stringify(target.render(c.profile, c.config, APPLIED))).toBe(JSON.stringify(c.out));
  });

  it('resources: a vps, plus a database/redis when used; steps are argv arrays', () => {
    for (const c of cases) {
      const kinds = c.out.resources.map((r) => r.kind);
      expect(kinds).toContain('vps');
      expect(kinds.includes('vps-database')).toBe(c.profile.database === 'postgres' || c.profile.database === 'mysql');
      for (const s of c.out.steps) expect(s.command.every((a) => typeof a === 'string')).toBe(true);
    }
  });
});

// ------------------------------------------------------------------------------------------------
// deploy.sh, run for real against stubs
// ------------------------------------------------------------------------------------------------

describe('deploy.sh behaviour (stubbed systemctl, systemd-run, curl)', () => {
  const root = mkdtempSync(join(tmpdir(), 'phoenix-ops-deploysh-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const bin = join(root, 'bin');
  const install = join(root, 'opt', 'app');
  const log = join(root, 'calls.log');
  let script = '';

  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };

  beforeAll(() => {
    mkdirSync(bin, { recursive: true });
    const c = cases.find((x) => x.profile.database === 'postgres')!;
    script = join(root, 'deploy.sh');
    writeFileSync(script, get(c, 'deploy.sh').content);
    chmodSync(script, 0o755);
    stub('systemctl', `echo "systemctl $*" >> "${log}"`);
    stub('journalctl', 'exit 0');
    stub('chown', 'exit 0');
    stub('id', 'if [[ "$1" == "-u" && $# -eq 1 ]]; then echo 0; else exec /usr/bin/id "$@"; fi');
    stub('sleep', 'exec /bin/sleep 0.05');
    // Migrations: the release's own bin/migrate decides (a marker file makes it fail).
    stub('systemd-run', `echo "systemd-run $*" >> "${log}"; for a in "$@"; do last=$a; done; [[ ! -e "$(dirname "$(dirname "$last")")/fail-migrate" ]]`);
    // Health: the release that is current answers iff it has a "healthy" marker.
    stub('curl', `[[ -e "$(readlink -f "${install}/current")/healthy" ]]`);
  });

  function tarball(name: string, opts: { healthy: boolean; failMigrate?: boolean }): string {
    const dir = join(root, 'build', name);
    mkdirSync(join(dir, 'bin'), { recursive: true });
    writeFileSync(join(dir, 'bin', 'server'), '#!/bin/sh\n');
    writeFileSync(join(dir, 'bin', 'migrate'), '#!/bin/sh\n');
    chmodSync(join(dir, 'bin', 'server'), 0o755);
    writeFileSync(join(dir, 'VERSION'), name);
    if (opts.healthy) writeFileSync(join(dir, 'healthy'), '');
    if (opts.failMigrate) writeFileSync(join(dir, 'fail-migrate'), '');
    const out = join(root, `${name}.tar.gz`);
    expect(spawnSync('tar', ['-czf', out, '-C', dir, '.']).status).toBe(0);
    return out;
  }

  // HEALTH_TIMEOUT 3, not 1: the script's deadline counts whole seconds (bash's SECONDS), so with 1 it
  // can pass before the first probe when the script reaches it late in a second on a loaded machine.
  function deploy(args: string[]): { code: number; stderr: string } {
    const r = spawnSync('bash', [script, ...args], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, INSTALL_DIR: install, HEALTH_TIMEOUT: '3', KEEP_RELEASES: '2', APP_USER: 'nobody', ENV_FILE: join(root, 'app.env') },
    });
    return { code: r.status ?? -1, stderr: r.stderr };
  }

  const current = () => readFileSync(join(readlinkSync(join(install, 'current')), 'VERSION'), 'utf8');
  const waitASecond = () => spawnSync('/bin/sleep', ['1.05']);

  it('deploys: migrations with the new release first, then the atomic switch and a restart', () => {
    writeFileSync(log, '');
    const r = deploy(['deploy', tarball('v1', { healthy: true })]);
    expect(r.code, r.stderr).toBe(0);
    expect(current()).toBe('v1');
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls[0]).toMatch(/^systemd-run .*--property=EnvironmentFile=.*\/bin\/migrate$/);
    expect(calls[1]).toMatch(/^systemctl restart /);
    expect(existsSync(join(install, 'current.new'))).toBe(false);
  });

  it('failed migrations leave the running release untouched', () => {
    waitASecond();
    const r = deploy(['deploy', tarball('v2-bad-migration', { healthy: true, failMigrate: true })]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/migrations failed/);
    expect(current()).toBe('v1');
  });

  it('an unhealthy release is rolled back to the previous one', () => {
    waitASecond();
    const r = deploy(['deploy', tarball('v3-unhealthy', { healthy: false })]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/rolling back/);
    expect(current()).toBe('v1');
  });

  it('keeps only the newest releases (and always the current one); rollback goes one back', () => {
    for (const v of ['v4', 'v5', 'v6']) {
      waitASecond();
      expect(deploy(['deploy', tarball(v, { healthy: true })]).code).toBe(0);
    }
    expect(current()).toBe('v6');
    expect(readdirSync(join(install, 'releases'))).toHaveLength(2);
    const r = deploy(['rollback']);
    expect(r.code, r.stderr).toBe(0);
    expect(current()).toBe('v5');
  });

  it('refuses to run without a tarball', () => {
    expect(deploy(['deploy']).code).not.toBe(0);
    expect(deploy(['nonsense']).code).toBe(2);
  });

  it('reports counts', () => {
    console.log(`systemd: ${counts.units} units parsed, ${counts.verified} verified by systemd-analyze${HAS_SYSTEMD_ANALYZE ? '' : ' (not installed: skipped)'}, ${counts.scripts} deploy scripts shellchecked`);
  });
});
