/**
 * The docker target's renderer: writes the Dockerfile,
 * .dockerignore, the release overlay scripts, rel/env.sh.eex, the release module when an Ecto app
 * lacks one, and proposes a health route patch when the app has none. Other targets include it.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { GeneratedFile, TargetOutput } from '../../model/plan.js';
import type { TargetRenderOptions } from '../types.js';
import { inputsNote } from '../shared/env-inputs.js';
import type { Profile } from '../../scan/profile.js';
import { dockerBuild } from './model.js';
import { dockerfileFlag, dockerignoreFor } from '../../facts/dockerfile.js';
import { renderDockerfile } from './dockerfile.js';
import { renderDockerignore } from './dockerignore.js';
import { healthRoute } from './health.js';
import { releaseModule } from './release-module.js';
import { serverPatch } from './server-patch.js';
import { envScript, migrateScript, serverScript } from './scripts.js';

export function renderDocker(profile: Profile, config: DeployConfig, options: TargetRenderOptions = {}): TargetOutput {
  const b = dockerBuild(profile, config, options);
  const f = b.facts;
  const files: GeneratedFile[] = [
    { path: f.dockerfile, content: renderDockerfile(b), description: `builds the ${f.releaseName} release and a small Debian image that runs it` },
    { path: dockerignoreFor(f.dockerfile), content: renderDockerignore(b), description: 'keeps build artifacts, deps and local secrets out of the build context' },
    {
      path: 'rel/overlays/bin/server',
      content: serverScript(b),
      mode: 0o755,
      description: b.migrateOnBoot ? 'migrates the SQLite database, then starts the release with the web server' : 'starts the release with the web server (PHX_SERVER=true)',
    },
    { path: 'rel/env.sh.eex', content: envScript(b), description: 'node name and IPv6 settings for clustering and remote consoles (Fly, Kubernetes, elsewhere)' },
  ];
  const notes = [...b.notes];
  if (f.dockerfile !== 'Dockerfile') notes.push(`The project's Dockerfile builds no release and starts nothing (a development image): it stays as it is, and the release image is ${f.dockerfile} (\`docker build --file ${f.dockerfile} .\`), which every target builds.`);
  if (f.usesEcto) {
    files.push({ path: 'rel/overlays/bin/migrate', content: migrateScript(b), mode: 0o755, description: `runs ${f.releaseModule}.migrate inside the release` });
    if (f.releaseModuleFile) {
      files.push({ path: f.releaseModuleFile, content: releaseModule(f), description: `release tasks (migrate, rollback) over :${f.releaseModuleApp}'s :ecto_repos` });
      notes.push(`No release module found: ${f.releaseModuleFile} adds ${f.releaseModule} (migrate/0, rollback/2) for bin/migrate.`);
    }
  }
  const included = options.includedBy !== undefined;
  const health = healthRoute(profile, f, included);
  files.push(...health.files);
  notes.push(...health.notes);
  const server = serverPatch(profile);
  notes.push(...server.notes);
  // Only for the image on its own: a platform including it says where its values go (and which ones it sets itself).
  const must = included ? null : inputsNote(f.inputs, 'pass them to `docker run --env`, or add them to env: in phoenix-ops.yaml');
  if (must) notes.push(must);
  return {
    files,
    patches: [...health.patches, ...server.patches],
    resources: [],
    secrets: f.secrets,
    steps: [{ id: 'docker-build', description: `build the ${f.app} image`, command: ['docker', 'build', ...dockerfileFlag(f.dockerfile), '-t', f.app, '.'] }],
    notes,
  };
}

