import { prodDockerfiles, runnerInstructions } from '../../facts/dockerfile.js';
import { ectoRepos } from '../../facts/ecto-repos.js';
import type { DockerfileInfo, DockerInstruction, Evidence, FlyTomlInfo, Profile } from '../../scan/profile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

type Script = 'server' | 'migrate';

interface Ref {
  script: Script;
  evidence: Evidence;
  /** "Dockerfile CMD", "fly.toml deploy.release_command"… */
  what: string;
}

const REF = /(^|[\s"'/=])bin\/(server|migrate)(?=$|[\s"',\]])/g;

const SCRIPTS: readonly Script[] = ['server', 'migrate'];
const scriptOf = (name: string | undefined): Script | undefined => SCRIPTS.find((s) => s === name);

/** String values of a parsed TOML table with their dotted keys. */
function tomlStrings(v: unknown, key: string, out: { key: string; value: string }[] = []): { key: string; value: string }[] {
  if (typeof v === 'string') out.push({ key, value: v });
  else if (Array.isArray(v)) v.forEach((x, i) => tomlStrings(x, `${key}.${i}`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) tomlStrings(x, key ? `${key}.${k}` : k, out);
  return out;
}

export const rule = defineRule({
  id: 'release-scripts-missing',
  title: 'Release scripts missing from rel/overlays/bin',
  category: 'releases',
  severity: 'medium',
  description:
    'The Docker and Fly setups written by `mix phx.gen.release` and `fly launch` start the app with `/app/bin/server` and migrate with `/app/bin/migrate`. Those scripts only exist in the release when `rel/overlays/bin/server` and `rel/overlays/bin/migrate` are in the repository: without them the container exits at start or the release command fails.',
  fix: 'Run `mix phx.gen.release` to write rel/overlays/bin/server and rel/overlays/bin/migrate (and lib/my_app/release.ex), commit them with mode 755, and rebuild the image.',
  equivalents: [],
  requires: ['releaseBoot'],
  messages: {
    serverMissing:
      '{{what}} runs bin/server ({{file}}:{{line}}) but there is no rel/overlays/bin/server, so the release has no such script — high impact: the container exits as soon as it starts',
    migrateMissing:
      '{{what}} runs bin/migrate ({{file}}:{{line}}) but there is no rel/overlays/bin/migrate, so the release has no such script — high impact: the migration step fails and the deploy stops',
    noStart: '{{file}} builds a release (line {{line}}) but its final stage has no CMD/ENTRYPOINT and there is no rel/overlays/bin/server: nothing starts the app when the container runs',
    migrateNeverRuns: '{{module}}.migrate/0 exists but there is no rel/overlays/bin/migrate and {{file}} has no [deploy] release_command: deploys never migrate the database',
  },
  check({ profile }) {
    const dockers = prodDockerfiles(profile);
    const flys = profile.facts.flyTomls;
    if (dockers.length === 0 && flys.length === 0) return notApplicable('no Dockerfile or fly.toml: no deployment set up in the repository');
    const refs = scriptRefs(dockers, flys);
    const releaseBuild = dockers.flatMap((d) => d.instructions.filter((i) => i.keyword === 'RUN' && /\bmix(\s+\S+)*\s+release\b/.test(i.args)).map((i) => ({ d, i })));
    if (releaseBuild.length === 0 && refs.length === 0) return notApplicable('the deploy files neither build a release nor call its bin/ scripts');

    const present = (s: Script) => profile.facts.relScripts.some((x) => new RegExp(`(^|/)rel/overlays/bin/${s}$`).test(x.file));
    const wanted: Script[] = ectoRepos(profile).length > 0 ? ['server', 'migrate'] : ['server'];
    const hits: Hit[] = [];
    for (const s of wanted) {
      if (present(s)) continue;
      const r = refs.find((x) => x.script === s);
      const hit = r
        ? { messageId: s === 'server' ? 'serverMissing' : 'migrateMissing', data: { what: r.what, file: r.evidence.file, line: r.evidence.line }, evidence: [r.evidence] }
        : s === 'server'
          ? nothingStarts(releaseBuild)
          : migrateNeverRuns(profile, dockers, flys);
      if (hit) hits.push(hit);
    }
    return hits;
  },
});

/** Where the Dockerfiles and fly.toml files call bin/server or bin/migrate. */
function scriptRefs(dockers: readonly DockerfileInfo[], flys: readonly FlyTomlInfo[]): Ref[] {
  const refs: Ref[] = [];
  for (const d of dockers) {
    for (const i of d.instructions) {
      if (!['CMD', 'ENTRYPOINT', 'RUN'].includes(i.keyword)) continue;
      for (const m of i.args.matchAll(REF)) {
        const script = scriptOf(m[2]);
        if (script) refs.push({ script, evidence: { file: d.file, line: i.line }, what: `${d.file} ${i.keyword}` });
      }
    }
  }
  for (const f of flys) {
    for (const s of tomlStrings(f.data, '')) {
      for (const m of s.value.matchAll(REF)) {
        const script = scriptOf(m[2]);
        if (script) refs.push({ script, evidence: { file: f.file, line: f.lines[s.key] ?? 1 }, what: `${f.file} ${s.key}` });
      }
    }
  }
  return refs;
}

/** A Dockerfile that builds a release but starts nothing (no CMD/ENTRYPOINT in its final stage); null when every image starts the release some way. */
function nothingStarts(releaseBuild: { d: DockerfileInfo; i: DockerInstruction }[]): Hit | null {
  // The image starts the release some other way (`bin/my_app start`, an entrypoint script): nothing to add.
  const at = releaseBuild.find(({ d }) => !runnerInstructions(d).some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
  if (!at) return null;
  return { messageId: 'noStart', data: { file: at.d.file, line: at.i.line }, evidence: [{ file: at.d.file, line: at.i.line }] };
}

/** A release module nothing ever runs: only where the platform convention expects bin/migrate (a fly.toml without a release_command) and nothing else migrates. */
function migrateNeverRuns(profile: Profile, dockers: readonly DockerfileInfo[], flys: readonly FlyTomlInfo[]): Hit | null {
  const mod = profile.releaseModule;
  if (!mod) return null; // release-migrations-missing reports the missing module itself
  if (profile.facts.k8s.length > 0 || profile.facts.migratorCalls.length > 0) return null;
  if (profile.facts.relScripts.some((x) => /(^|\/)rel\/overlays\/bin\/server$/.test(x.file) && /\bmigrate\b/.test(x.text))) return null;
  const fly = flys.find((f) => f.data && !f.data.deploy?.release_command);
  if (!fly) return null;
  const customStart = dockers.some((d) => runnerInstructions(d).some((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !/bin\/server\b/.test(i.args)));
  if (customStart) return null;
  return { messageId: 'migrateNeverRuns', data: { module: mod.module, file: fly.file }, evidence: [{ file: fly.file, line: fly.lines.deploy ?? 1 }] };
}
