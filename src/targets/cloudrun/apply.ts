/**
 * Cloud Run through gcloud, Terraform and docker. Shapes: `gcloud version --format=json` maps component →
 * version ({"Google Cloud SDK": "…"}), `gcloud auth list --format=json` lists {account, status: "ACTIVE"}
 * (cloud.google.com/sdk/gcloud/reference/auth/list), `gcloud run services describe --format=json` is a
 * Knative Service with status.url and status.conditions[type=Ready] (cloud.google.com/run/docs/reference/rest/v1/namespaces.services),
 * `terraform version -json` prints {"terraform_version"} (developer.hashicorp.com/terraform/cli/commands/version).
 */
import { jsonField, versionIn, type Adapter } from '../../apply/adapter.js';
import { dockerEngine, dockerTool, healthPath, readJson, terraformTool } from '../../apply/adapters/common.js';
import { isRecord } from '../../apply/narrow.js';
import { select } from '../../apply/select.js';
import { cloudRunRegion } from './model.js';

const PLACEHOLDER_PROJECT = 'my-gcp-project';

/** Where the service is: the region the steps deployed it to (not a Fly region left in config.region). */
const where = (ctx: { config: { region: string; cloudrun: { project: string } } }) => ['--region', cloudRunRegion(ctx.config), '--project', ctx.config.cloudrun.project];

export const adapter: Adapter = {
  order: 2,
  tools: () => [
    {
      bin: 'gcloud',
      version: ['version', '--format=json'],
      parse: (out) => {
        const v = jsonField(out, ['Google Cloud SDK']);
        return typeof v === 'string' ? versionIn(v) : null;
      },
      // `gcloud run jobs` is GA (not only alpha/beta) from 424.0.0 (lib/surface/run/jobs/__init__.py release tracks).
      min: '424.0.0',
      install: 'install the Google Cloud CLI (cloud.google.com/sdk/docs/install) or run: gcloud components update',
    },
    terraformTool,
    dockerTool,
  ],
  auth: () => [
    {
      what: 'logged in to Google Cloud',
      argv: ['gcloud', 'auth', 'list', '--format=json'],
      ok: (out) => {
        try {
          const accounts: unknown = JSON.parse(out);
          return Array.isArray(accounts) && accounts.some((a) => isRecord(a) && a.status === 'ACTIVE');
        } catch {
          return false;
        }
      },
      fix: 'run: gcloud auth login && gcloud auth application-default login',
    },
    {
      // Terraform's Google provider authenticates with Application Default Credentials, not the `gcloud auth list`
      // account (cloud.google.com/docs/terraform/authentication). The token printed is kept in memory only.
      what: 'Application Default Credentials for Terraform',
      argv: ['gcloud', 'auth', 'application-default', 'print-access-token'],
      ok: (out) => out.trim().length > 0,
      fix: 'run: gcloud auth application-default login (or set GOOGLE_APPLICATION_CREDENTIALS to a key file)',
    },
    dockerEngine,
  ],
  settings: async (ctx) =>
    ctx.config.cloudrun.project === PLACEHOLDER_PROJECT
      ? [`cloudrun.project is the placeholder "${PLACEHOLDER_PROJECT}": set your project id in phoenix-ops.yaml, then run phoenix-ops generate --target cloudrun`]
      : [],
  async status(ctx) {
    const { data, error } = await readJson(ctx, ['gcloud', 'run', 'services', 'describe', ctx.app, ...where(ctx), '--format=json']);
    if (error) return [{ name: `Cloud Run service ${ctx.app}`, ok: false, detail: error }];
    const ready = select(data, 'status.conditions[type=Ready].status');
    const revision = select(data, 'status.latestReadyRevisionName');
    return [{ name: `Cloud Run service ${ctx.app}`, ok: ready === 'True', detail: `Ready=${String(ready ?? 'unknown')}, revision ${String(revision ?? '?')}` }];
  },
  healthUrl: (ctx) => (ctx.config.host ? `https://${ctx.config.host}${healthPath(ctx)}` : null),
  /** The service URL from `gcloud run services describe`, for the health check when no host is set. */
  async serviceUrl(ctx) {
    const { data } = await readJson(ctx, ['gcloud', 'run', 'services', 'describe', ctx.app, ...where(ctx), '--format=json']);
    const url = select(data, 'status.url');
    return typeof url === 'string' ? url : null;
  },
};
