import type { Evidence } from '../../scan/profile.js';
import { ectoRepos, finalStageInstructions, prodDockerfiles } from '../facts.js';
import { notApplicable, type Rule, type RuleHit } from '../types.js';

type Script = 'server' | 'migrate';

interface Ref {
  script: Script;
  evidence: Evidence;
  /** "Dockerfile CMD", "fly.toml deploy.release_command"… */
  what: string;
}

const REF = /(^|[\s"'/=])bin\/(server|migrate)(?=$|[\s"',\]])/g;

/** String values of a parsed TOML table with their dotted keys. */
function tomlStrings(v: unknown, key: string, out: { key: string; value: string }[] = []): { key: string; value: string }[] {
  if (typeof v === 'string') out.push({ key, value: v });
  else if (Array.isArray(v)) v.forEach((x, i) => tomlStrings(x, `${key}.${i}`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) tomlStrings(x, key ? `${key}.${k}` : k, out);
  return out;
}

export const rule = {
  id: 'release-scripts-missing',
  title: 'Release scripts missing from rel/overlays/bin',
  category: 'releases',
  severity: 'medium',
  description:
    'The Docker and Fly setups written by `mix phx.gen.release` and `fly launch` start the app with `/app/bin/server` and migrate with `/app/bin/migrate`. Those scripts only exist in the release when `rel/overlays/bin/server` and `rel/overlays/bin/migrate` are in the repository: without them the container exits at start or the release command fails.',
  fix: 'Run `mix phx.gen.release` to write rel/overlays/bin/server and rel/overlays/bin/migrate (and lib/my_app/release.ex), commit them with mode 755, and rebuild the image.',
  equivalents: [],
  requires: ['release-boot'],
  messages: {
    serverMissing:
      '{{what}} runs bin/server ({{file}}:{{line}}) but there is no rel/overlays/bin/server, so the release has no such script — high impact: the container exits as soon as it starts',
    migrateMissing:
      '{{what}} runs bin/migrate ({{file}}:{{line}}) but there is no rel/overlays/bin/migrate, so the release has no such script — high impact: the migration step fails and the deploy stops',
    noStart: '{{file}} builds a release (line {{line}}) but its final stage has no CMD/ENTRYPOINT and there is no rel/overlays/bin/server: nothing starts the app when the container runs',
    migrateNeverRuns: '{{module}}.migrate/0 exists but there is no rel/overlays/bin/migrate and {{file}} has no [deploy] release_command: deploys never migrate the database',
  },
  check(profile) {
    const dockers = prodDockerfiles(profile);
    const flys = profile.facts.flyTomls;
    if (dockers.length === 0 && flys.length === 0) return notApplicable('no Dockerfile or fly.toml: no deployment set up in the repository');

    const refs: Ref[] = [];
    for (const d of dockers) {
      for (const i of d.instructions) {
        if (!['CMD', 'ENTRYPOINT', 'RUN'].includes(i.keyword)) continue;
        for (const m of i.args.matchAll(REF)) refs.push({ script: m[2] as Script, evidence: { file: d.file, line: i.line }, what: `${d.file} ${i.keyword}` });
      }
    }
    for (const f of flys) {
      for (const s of tomlStrings(f.data, '')) {
        for (const m of s.value.matchAll(REF)) refs.push({ script: m[2] as Script, evidence: { file: f.file, line: f.lines[s.key] ?? 1 }, what: `${f.file} ${s.key}` });
      }
    }
    const releaseBuild = dockers.flatMap((d) => d.instructions.filter((i) => i.keyword === 'RUN' && /\bmix(\s+\S+)*\s+release\b/.test(i.args)).map((i) => ({ d, i })));
    if (releaseBuild.length === 0 && refs.length === 0) return notApplicable('the deploy files neither build a release nor call its bin/ scripts');

    const present = (s: Script) => profile.facts.relScripts.some((x) => new RegExp(`(^|/)rel/overlays/bin/${s}$`).test(x.file));
    const wanted: Script[] = ectoRepos(profile).length > 0 ? ['server', 'migrate'] : ['server'];
    const hits: RuleHit[] = [];
    for (const s of wanted) {
      if (present(s)) continue;
      const mine = refs.filter((r) => r.script === s);
      if (mine.length > 0) {
        const r = mine[0]!;
        hits.push({
          messageId: s === 'server' ? 'serverMissing' : 'migrateMissing',
          data: { what: r.what, file: r.evidence.file, line: r.evidence.line },
          evidence: [r.evidence],
        });
        continue;
      }
      if (s === 'server') {
        // The image starts the release some other way (`bin/my_app start`, an entrypoint script): nothing to add.
        const builds = releaseBuild.map((x) => x.d);
        const noStart = builds.find((d) => !finalStageInstructions(d).some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
        if (!noStart) continue;
        const at = releaseBuild.find((x) => x.d === noStart)!.i;
        hits.push({
          messageId: 'noStart',
          data: { file: noStart.file, line: at.line },
          evidence: [{ file: noStart.file, line: at.line }],
        });
      } else {
        // Only where the platform convention expects it: a fly.toml without any release_command, no other migration path.
        if (!profile.releaseModule) continue; // release-migrations-missing reports the missing module itself
        if (profile.facts.k8s.length > 0 || profile.facts.migratorCalls.length > 0) continue;
        if (profile.facts.relScripts.some((x) => /(^|\/)rel\/overlays\/bin\/server$/.test(x.file) && /\bmigrate\b/.test(x.text))) continue;
        const fly = flys.find((f) => {
          const deploy = (f.data?.deploy ?? null) as Record<string, unknown> | null;
          return f.data && !deploy?.release_command;
        });
        if (!fly) continue;
        const customStart = dockers.some((d) => finalStageInstructions(d).some((i) => (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !/bin\/server\b/.test(i.args)));
        if (customStart) continue;
        hits.push({
          messageId: 'migrateNeverRuns',
          data: { module: profile.releaseModule.module, file: fly.file },
          evidence: [{ file: fly.file, line: fly.lines.deploy ?? 1 }],
        });
      }
    }
    return hits;
  },
} as const satisfies Rule;
