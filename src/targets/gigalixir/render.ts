/**
 * The gigalixir target's renderer: the buildpack configs, .buildpacks, the Procfile, the non-secret env
 * file, and the release overlay scripts and release module the docker target writes (Gigalixir builds a Mix
 * release from the repository; no Dockerfile), plus the resources cost prices and the gigalixir CLI steps.
 */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { RenderOptions, TargetOutput } from '../../model/plan.js';
import type { Resource } from '../../model/resource.js';
import type { Profile } from '../../scan/profile.js';
import { renderDocker } from '../docker/render.js';
import { gigalixirFiles } from './files.js';
import { gigalixirModel, type GigalixirModel } from './model.js';
import { gigalixirSteps } from './steps.js';

/** Docker-only files a buildpack build has no use for (the image, its ignore file, the env script for Fly/Kubernetes node names). */
const DOCKER_ONLY = /(^|\/)(Dockerfile|[^/]*\.Dockerfile|\.dockerignore|[^/]*\.dockerignore)$|^rel\/env\.sh\.eex$/;

function resources(m: GigalixirModel): Resource[] {
  const out: Resource[] = [{ id: 'replicas', kind: 'gigalixir-replica', count: m.replicas, size: m.size, description: `${m.replicas} × size ${m.size} replica` }];
  if (m.postgres) out.push({ id: 'postgres', kind: 'gigalixir-postgres', free: m.postgres.free, size: m.postgres.size, description: m.postgres.free ? 'free-tier Postgres' : `Postgres size ${m.postgres.size}` });
  out.push({ id: 'egress', kind: 'egress', provider: 'gigalixir', region: 'default', description: 'traffic to the internet' });
  return out;
}

export function renderGigalixir(profile: Profile, config: DeployConfig, options: RenderOptions = {}): TargetOutput {
  const m = gigalixirModel(profile, config, options);
  const docker = renderDocker(profile, config, options);
  const release = docker.files.filter((f) => !DOCKER_ONLY.test(f.path));
  const dockerNotes = docker.notes.filter((n) => !/Dockerfile|docker run|image/.test(n));
  return {
    files: [...gigalixirFiles(m), ...release],
    patches: docker.patches,
    resources: resources(m),
    secrets: m.secrets,
    steps: gigalixirSteps(m),
    notes: [...m.notes, ...dockerNotes],
  };
}
