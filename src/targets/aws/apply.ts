/**
 * AWS through the aws CLI, Terraform and docker. Shapes: `aws --version` prints `aws-cli/2.x.y Python/…`
 * (stdout on v2); `aws sts get-caller-identity --output json` prints {UserId, Account, Arn}
 * (docs.aws.amazon.com/cli/latest/reference/sts/get-caller-identity.html); `aws ecs describe-services`
 * prints {services: [{serviceName, status, desiredCount, runningCount, deployments: [{rolloutState}]}], failures}
 * (…/reference/ecs/describe-services.html); `aws elbv2 describe-load-balancers --names N` prints
 * {LoadBalancers: [{DNSName}]} (…/reference/elbv2/describe-load-balancers.html).
 */
import { versionIn, type Adapter } from '../../apply/adapter.js';
import { dockerEngine, dockerTool, healthPath, readJson, terraformTool } from '../../apply/adapters/common.js';
import { isRecord } from '../../apply/narrow.js';
import { select } from '../../apply/select.js';
import { awsRegion } from './model.js';

const albName = (app: string): string => `${app.slice(0, 28).replace(/-+$/, '')}-alb`;

export const adapter: Adapter = {
  order: 6,
  tools: () => [
    {
      bin: 'aws',
      version: ['--version'],
      parse: (out, err) => versionIn(`${out} ${err}`),
      // AWS CLI v1 is at end of support; the commands used here are documented for v2 (docs.aws.amazon.com/cli/latest/reference/).
      min: '2.0.0',
      install: 'install the AWS CLI v2 (docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)',
    },
    terraformTool,
    dockerTool,
  ],
  auth: () => [
    {
      // The same credential chain serves the CLI and Terraform's AWS provider (env, profile, SSO, role).
      what: 'AWS credentials (aws sts get-caller-identity)',
      argv: ['aws', 'sts', 'get-caller-identity', '--output', 'json'],
      ok: (out) => {
        try {
          const id: unknown = JSON.parse(out);
          return isRecord(id) && typeof id.Account === 'string';
        } catch {
          return false;
        }
      },
      fix: 'run: aws configure (or aws sso login, or set AWS_PROFILE / AWS_ACCESS_KEY_ID)',
    },
    dockerEngine,
  ],
  settings: async () => [],
  async status(ctx) {
    const region = awsRegion(ctx.config);
    const { data, error } = await readJson(ctx, ['aws', 'ecs', 'describe-services', '--region', region, '--cluster', ctx.app, '--services', ctx.app, '--output', 'json']);
    if (error) return [{ name: `ECS service ${ctx.app}`, ok: false, detail: error }];
    const running = select(data, 'services[0].runningCount');
    const desired = select(data, 'services[0].desiredCount');
    const status = select(data, 'services[0].status');
    const rollout = select(data, 'services[0].deployments[0].rolloutState');
    const ok = status === 'ACTIVE' && typeof desired === 'number' && desired > 0 && running === desired;
    return [{ name: `ECS service ${ctx.app}`, ok, detail: `${String(status ?? 'MISSING')}, ${String(running ?? 0)}/${String(desired ?? 0)} tasks running, rollout ${String(rollout ?? '?')}` }];
  },
  healthUrl: (ctx) => (ctx.config.host ? `https://${ctx.config.host}${healthPath(ctx)}` : null),
  /** Without a host the app answers on the load balancer's own name, over HTTP. */
  async serviceUrl(ctx) {
    const { data } = await readJson(ctx, ['aws', 'elbv2', 'describe-load-balancers', '--region', awsRegion(ctx.config), '--names', albName(ctx.app), '--output', 'json']);
    const dns = select(data, 'LoadBalancers[0].DNSName');
    return typeof dns === 'string' ? `http://${dns}` : null;
  },
};
