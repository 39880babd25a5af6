/**
 * Fly.io through flyctl. Shapes read from flyctl's source (github.com/superfly/flyctl):
 * `fly version --json` encodes buildinfo.Info (internal/command/version/version.go), `fly auth whoami --json`
 * prints {"email"} (internal/command/auth/whoami.go), `fly status --json` prints {ID, Name, Deployed, Status,
 * Hostname, Version, Machines[]} (internal/command/status/machines.go, renderMachineJSONStatus).
 */
import { jsonField, versionIn, type Adapter, type AdapterContext, type RunEnv } from '../../apply/adapter.js';
import { healthPath, readJson } from '../../apply/adapters/common.js';
import { isRecord, numberField, stringField } from '../../apply/narrow.js';

export const adapter: Adapter = {
  order: 1,
  tools: () => [
    {
      bin: 'fly',
      version: ['version', '--json'],
      parse: (out) => {
        const v = jsonField(out, ['Version']);
        if (typeof v === 'string') return versionIn(v);
        if (isRecord(v)) return versionIn(Object.values(v).slice(0, 3).join('.'));
        return versionIn(out);
      },
      // mpg create/list 0.3.110, mpg destroy 0.3.145, redis create --enable-prodpack and --plan 0.4.10 (superfly/flyctl 9206d975).
      min: '0.4.10',
      install: 'install flyctl (curl -L https://fly.io/install.sh | sh) or upgrade it with: fly version upgrade',
    },
  ],
  auth: () => [
    {
      what: 'logged in to Fly.io',
      argv: ['fly', 'auth', 'whoami', '--json'],
      ok: (out) => typeof jsonField(out, ['email']) === 'string',
      fix: 'run: fly auth login (in CI, set FLY_API_TOKEN)',
    },
  ],
  settings: async () => [],
  runEnv: flyOrg,
  async status(ctx) {
    const { data, error } = await readJson(ctx, ['fly', 'status', '--app', ctx.app, '--json']);
    if (error || !isRecord(data)) return [{ name: `Fly app ${ctx.app}`, ok: false, detail: error ?? 'no answer' }];
    const machines: unknown[] = Array.isArray(data.Machines) ? data.Machines : [];
    const started = machines.filter((m) => stringField(m, 'state') === 'started').length;
    return [
      { name: `Fly app ${ctx.app}`, ok: data.Deployed === true, detail: `${stringField(data, 'Status') ?? 'unknown'}, release v${numberField(data, 'Version') ?? '?'}` },
      { name: 'machines', ok: machines.length > 0, detail: `${started} of ${machines.length} started` },
    ];
  },
  healthUrl: (ctx) => `https://${ctx.config.host ?? `${ctx.app}.fly.dev`}${healthPath(ctx)}`,
};

/**
 * The org every flyctl call that creates or lists things needs when run without a terminal: `mpg list` takes it only
 * from --org or FLY_ORG (internal/command/orgs/orgs.go:64-120, no single-org shortcut), `apps/mpg/postgres/redis
 * create` ask for it (internal/prompt/prompt.go:248-285). phoenix-ops.yaml `fly.org` puts --org on the steps;
 * otherwise FLY_ORG, or the only org of `fly orgs list --json` ({slug: name}, internal/command/orgs/list.go:45-52).
 */
export async function flyOrg(ctx: AdapterContext): Promise<RunEnv> {
  const configured = ctx.config.fly.org;
  if (configured) return { env: {}, problems: [], passed: [`Fly organization ${configured} (fly.org in phoenix-ops.yaml)`] };
  const fromEnv = ctx.env.FLY_ORG;
  if (fromEnv) return { env: {}, problems: [], passed: [`Fly organization ${fromEnv} (FLY_ORG)`] };
  const { data, error } = await readJson(ctx, ['fly', 'orgs', 'list', '--json']);
  const choose = 'set fly.org in phoenix-ops.yaml (or FLY_ORG)';
  if (error !== null || !isRecord(data)) return { env: {}, problems: [`could not list your Fly organizations (fly orgs list --json: ${error ?? 'not an object'}): ${choose}`], passed: [] };
  const slugs = Object.keys(data).sort();
  const [only] = slugs;
  if (only !== undefined && slugs.length === 1) return { env: { FLY_ORG: only }, problems: [], passed: [`Fly organization ${only} (your only one)`] };
  if (only === undefined) return { env: {}, problems: ['your Fly account has no organization: create one at fly.io/dashboard'], passed: [] };
  return { env: {}, problems: [`you belong to several Fly organizations (${slugs.join(', ')}): ${choose} to say which one the app goes in`], passed: [] };
}
