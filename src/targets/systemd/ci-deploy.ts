/** The systemd target's job in the GitHub deploy workflow: build the release, copy it over ssh, deploy.sh deploy. */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Profile } from '../../scan/profile.js';
import { ACTIONS, uses } from '../shared/actions.js';
import { checkoutStep, type CiContext, type DeployJob } from '../shared/ci-steps.js';

type Obj = Record<string, unknown>;
import { systemdModel } from './model.js';

export function systemdDeployJob(ctx: CiContext, config: DeployConfig, profile: Profile): DeployJob {
  const m = systemdModel(profile, config);
  const stage = `/tmp/${m.app}-deploy`;
  const files = [m.tarball, m.scriptPath, m.unitPath, m.envExamplePath].map((f) => `"${f}"`).join(' ');
  const steps: Obj[] = [
    checkoutStep(),
    { name: 'Set up Elixir and Erlang/OTP', uses: uses(ACTIONS.setupBeam), with: { 'elixir-version': ctx.beam.elixir, 'otp-version': ctx.beam.otp, 'version-type': 'strict' } },
    { name: 'Build the release', run: `bash ${m.scriptPath} build\n`, 'working-directory': ctx.dir || '.' },
    {
      name: 'Install the SSH key',
      run: [
        'install -d -m 700 ~/.ssh',
        'printf \'%s\\n\' "$SSH_PRIVATE_KEY" > ~/.ssh/deploy_key',
        'chmod 600 ~/.ssh/deploy_key',
        'printf \'%s\\n\' "$SSH_KNOWN_HOSTS" > ~/.ssh/known_hosts',
      ].join('\n') + '\n',
      env: { SSH_PRIVATE_KEY: '${{ secrets.SSH_PRIVATE_KEY }}', SSH_KNOWN_HOSTS: '${{ secrets.SSH_KNOWN_HOSTS }}' },
    },
    {
      name: 'Copy and deploy (migrate, switch, health check, rollback)',
      'working-directory': ctx.dir || '.',
      run: [
        `ssh -i ~/.ssh/deploy_key "$DEPLOY_HOST" mkdir -p ${stage}`,
        `scp -i ~/.ssh/deploy_key ${files} "$DEPLOY_HOST:${stage}/"`,
        `ssh -i ~/.ssh/deploy_key "$DEPLOY_HOST" sudo bash ${stage}/deploy.sh setup`,
        `ssh -i ~/.ssh/deploy_key "$DEPLOY_HOST" sudo bash ${stage}/deploy.sh deploy ${stage}/${m.tarball.split('/').pop()}`,
      ].join('\n') + '\n',
    },
  ];
  const job: Obj = { permissions: { contents: 'read' }, env: { DEPLOY_HOST: m.host, MIX_ENV: 'prod' }, steps };
  return {
    name: 'Deploy to the server', job: job,
    notes: [
      'deploy.yml needs the secrets SSH_PRIVATE_KEY and SSH_KNOWN_HOSTS (ssh-keyscan output for the server); the deploy user needs passwordless sudo for deploy.sh.',
      'The release is built on ubuntu-24.04: the server must run a compatible distribution (same or newer glibc and OpenSSL 3), or build on the server instead.',
    ],
  };
}
