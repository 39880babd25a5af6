/**
 * Fly.io through flyctl. Shapes read from flyctl's source (github.com/superfly/flyctl):
 * `fly version --json` encodes buildinfo.Info (internal/command/version/version.go), `fly auth whoami --json`
 * prints {"email"} (internal/command/auth/whoami.go), `fly status --json` prints {ID, Name, Deployed, Status,
 * Hostname, Version, Machines[]} (internal/command/status/machines.go, renderMachineJSONStatus).
 */
import { jsonField, versionIn, type Adapter } from '../../apply/adapter.js';
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
      min: '0.3.0',
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
