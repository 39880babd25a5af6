/**
 * A second scan of a generated project describes the same app as the first: the files `generate` wrote
 * (listed in .phoenix-ops/manifest.json, unedited) are phoenix-ops' output, not the project's own deploy
 * choice. Without that rule the release Dockerfile and overlays we write for a Mix-mode app flipped it to
 * "release", and the database and port variables its prod.exs reads at boot vanished from the profile.
 * Fixture: test/fixtures-runtime/mix-procfile (Heroku, `mix start`; prod.exs reads HTTP_PORT and DB_*).
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import { plan } from '../../src/plan/planner.js';
import { previewPlan } from '../../src/plan/preview.js';
import { scan } from '../../src/scan/index.js';
import type { Profile } from '../../src/scan/profile.js';
import { runCli } from '../helpers/cli.js';
import { makeProject, REPO } from '../helpers/project.js';

const MIX_APP = join(REPO, 'test', 'fixtures-runtime', 'mix-procfile');

/** What the app needs from its environment, as the profile and a plan see it. */
const needs = (p: Profile) => ({
  deployMode: p.runtime.deployMode,
  serverEnabledBy: p.runtime.serverEnabledBy,
  portEnv: p.runtime.portEnv,
  databaseEnv: p.runtime.databaseEnv,
  runtimeConfigEnv: p.runtimeConfig.env.map((e) => e.name),
  secrets: plan(p, defaultConfig(p), 'k8s').secrets.map((s) => s.name),
});

describe('scan → generate → scan', () => {
  it('reports the same env needs after generate wrote a release Dockerfile, overlays and a release module; an edited Dockerfile is the owner\'s', async () => {
    const dir = makeProject({}, MIX_APP);
    const before = needs(await scan(dir));
    expect(before).toMatchObject({ deployMode: 'mix', portEnv: 'HTTP_PORT', databaseEnv: ['DB_HOST', 'DB_USER', 'DB_PASSWORD', 'DB_NAME'] });
    expect(before.secrets).toContain('DB_PASSWORD');

    const gen = runCli(['generate', dir, '--target', 'docker', '--yes']);
    expect(gen.code, gen.stderr).toBe(0);
    const written = Object.keys(JSON.parse(readFileSync(join(dir, '.phoenix-ops', 'manifest.json'), 'utf8')).files);
    expect(written).toEqual(expect.arrayContaining(['Dockerfile', 'rel/overlays/bin/server', 'lib/quill/release.ex']));

    const after = await scan(dir);
    expect(needs(after)).toEqual(before);
    expect(after.facts.generatedFiles).toEqual(expect.arrayContaining(['Dockerfile', 'lib/quill/release.ex']));
    // Generating again gives the same files: the generated Dockerfile is not a "kept" image to copy packages from or take pins from.
    const again = await previewPlan(dir, after, defaultConfig(after), 'docker');
    expect(again.writes.filter((w) => w.action !== 'unchanged').map((w) => `${w.path}: ${w.action}`)).toEqual([]);

    // Once its owner edits the Dockerfile, it is theirs: it starts a release, so the app deploys as one.
    appendFileSync(join(dir, 'Dockerfile'), '# tuned by hand\n');
    const edited = await scan(dir);
    expect(edited.facts.generatedFiles).not.toContain('Dockerfile');
    expect(edited.runtime.deployMode).toBe('release');
  });
});
