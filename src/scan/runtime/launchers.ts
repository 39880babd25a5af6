/**
 * Launch files beside the deploy files, read as text while the scan has the file list: the Procfile
 * (`web: mix phx.server`), Heroku/Gigalixir buildpack configs, `heroku.yml`, systemd units, and the
 * scripts a production Dockerfile starts (`ENTRYPOINT ["/app/entrypoint.sh"]` → the entrypoint.sh it
 * copies in). The deploy-mode decider reads them; nothing here decides anything.
 */
import { fileSize } from '../files.js';
import type { DockerfileInfo, RuntimeSources } from '../profile.js';
import type { Sources } from '../sources.js';

type Launcher = RuntimeSources['launchers'][number];

const MAX_BYTES = 64 * 1024;

const KIND_BY_NAME: [RegExp, Launcher['kind']][] = [
  [/^Procfile(\.[\w-]+)?$/, 'procfile'],
  [/^(\.buildpacks|elixir_buildpack\.config|phoenix_static_buildpack\.config)$/, 'buildpack'],
  [/^heroku\.ya?ml$/, 'heroku'],
  [/\.service$/, 'systemd'],
];

export function readLaunchers(src: Sources, dockerfiles: readonly DockerfileInfo[], inProject: (rel: string) => boolean): Launcher[] {
  const out: Launcher[] = [];
  const scripts = new Set(dockerfiles.flatMap(startedScripts));
  for (const f of src.files) {
    const base = f.rel.split('/').pop()!;
    const named = KIND_BY_NAME.find(([re]) => re.test(base))?.[1];
    // Launch files at the repository root or in the project; scripts wherever the Dockerfile copies them from.
    const kind = named && (inProject(f.rel) || !f.rel.includes('/')) ? named : scripts.has(base) ? 'script' : null;
    if (!kind || fileSize(f.abs) > MAX_BYTES) continue;
    const text = src.text(f);
    if (text !== null) out.push({ file: f.rel, kind, text });
  }
  return out;
}

/** Basenames of the scripts the final stage's CMD/ENTRYPOINT run (`/app/entrypoint.sh`, `./bin/start.sh`). */
export function startedScripts(d: DockerfileInfo): string[] {
  const last = d.stages.at(-1)?.index ?? 0;
  const out: string[] = [];
  for (const ins of d.instructions) {
    if (ins.stage !== last || (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT')) continue;
    for (const w of execWords(ins.args)) {
      const base = w.split('/').pop() ?? '';
      if (/\.(sh|bash)$/.test(base) || (w.includes('/') && !/(^|\/)bin\/[\w.-]+$/.test(w) && /^[\w.-]+$/.test(base) && !base.includes('.'))) out.push(base);
    }
  }
  return out;
}

/** The words of a CMD/ENTRYPOINT: the exec form's JSON array, or the shell form split on blanks. */
export function execWords(args: string): string[] {
  const a = args.trim();
  if (a.startsWith('[')) {
    try {
      const arr = JSON.parse(a) as unknown;
      if (Array.isArray(arr)) return arr.filter((x): x is string => typeof x === 'string').flatMap((x) => x.split(/\s+/));
    } catch {
      // not JSON: a shell command after all
    }
  }
  return a.split(/\s+/).filter(Boolean);
}
