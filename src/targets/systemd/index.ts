/** A Linux server with systemd: hardened unit, env file template and a deploy script with health-checked rollback. Metadata only; see model.ts and render.ts. */
import type { Target } from '../types.js';
import { systemdDeployJob } from './ci-deploy.js';
import { renderSystemd } from './render.js';

export const target = {
  id: 'systemd',
  title: 'Linux server (systemd)',
  description:
    'A hardened systemd unit, an env file template and deploy.sh (releases unpacked side by side, migrations before the switch, atomic symlink flip, health check and automatic rollback), with the release scripts it runs, and nginx in front (certbot TLS, websockets, rate-limited sign-in) with the release on loopback.',
  includes: [],
  platformEnv: [],
  guardsFlyEnvShInBuild: true,
  deployJob: (profile, config, ctx) => systemdDeployJob(ctx, config, profile),
  render: renderSystemd,
} satisfies Target;
