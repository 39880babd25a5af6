/** A Linux server with systemd: hardened unit, env file template and a deploy script with health-checked rollback. */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { RenderOptions, TargetOutput } from '../../model/plan.js';
import type { Profile } from '../../scan/profile.js';
import { renderDocker } from '../docker/index.js';
import type { Target } from '../types.js';
import { renderSystemd } from './render.js';

/**
 * deploy.sh runs the release's bin/server and bin/migrate, so the release pieces of the docker
 * target come along (overlay scripts, env.sh.eex, the release module, the health and server
 * patches) — but no Dockerfile.
 */
function render(profile: Profile, config: DeployConfig, options: RenderOptions = {}): TargetOutput {
  const own = renderSystemd(profile, config, options);
  const release = renderDocker(profile, config, options);
  const releaseFiles = release.files.filter((f) => f.path !== 'Dockerfile' && f.path !== '.dockerignore');
  const paths = new Set(own.files.map((f) => f.path));
  return {
    ...own,
    files: [...own.files, ...releaseFiles.filter((f) => !paths.has(f.path))],
    patches: [...own.patches, ...release.patches.filter((p) => !own.patches.some((o) => o.id === p.id))],
    notes: [...own.notes, ...release.notes.filter((n) => !/hexpm\/elixir|Dockerfile|image/i.test(n))],
  };
}

export const target = {
  id: 'systemd',
  title: 'Linux server (systemd)',
  description:
    'A hardened systemd unit, an env file template and deploy.sh (releases unpacked side by side, migrations before the switch, atomic symlink flip, health check and automatic rollback), with the release scripts it runs.',
  includes: [],
  platformEnv: [],
  render,
} satisfies Target;
