/**
 * Gigalixir through its CLI (github.com/gigalixir/gigalixir-cli, gigalixir/__init__.py): `gigalixir version`
 * prints the version alone (click.echo(CLI_VERSION)), `gigalixir account` prints the account as JSON
 * (gigalixir/user.py account → presenter.echo_json) and fails when not logged in, `gigalixir ps -a APP` prints
 * the app's status JSON (gigalixir/app.py status: GET /api/apps/APP/status, `data`). The secret steps use curl.
 */
import { versionIn, type Adapter } from '../../apply/adapter.js';
import { healthPath, readJson } from '../../apply/adapters/common.js';
import { isRecord, numberField, stringField } from '../../apply/narrow.js';

export const adapter: Adapter = {
  order: 22,
  tools: () => [
    {
      bin: 'gigalixir',
      version: ['version'],
      parse: (out) => versionIn(out),
      // pg:create --version and --yes, config:set --no_restart: gigalixir-cli 1.x (86311fd4, 2026-03-21).
      min: '1.10.0',
      install: 'install the Gigalixir CLI: pip3 install gigalixir (then gigalixir login)',
    },
    { bin: 'curl', version: ['--version'], parse: (out) => versionIn(out), min: '7.76.0', install: 'install curl (apt-get install curl); 7.76 added --fail-with-body and reads ~/.netrc with --netrc' },
    { bin: 'git', version: ['--version'], parse: (out) => versionIn(out), min: '2.0.0', install: 'install git' },
  ],
  auth: () => [
    {
      what: 'logged in to Gigalixir',
      argv: ['gigalixir', 'account'],
      ok: (out) => out.includes('"email"'),
      fix: 'run: gigalixir login (it writes the API key to ~/.netrc, which the secret steps read too)',
    },
  ],
  settings: async () => [],
  async status(ctx) {
    const { data, error } = await readJson(ctx, ['gigalixir', 'ps', '-a', ctx.app]);
    if (error || !isRecord(data)) return [{ name: `Gigalixir app ${ctx.app}`, ok: false, detail: error ?? 'no answer' }];
    const pods: unknown[] = Array.isArray(data.pods) ? data.pods : [];
    const healthy = pods.filter((p) => stringField(p, 'status') === 'Healthy').length;
    return [
      { name: `Gigalixir app ${ctx.app}`, ok: pods.length > 0, detail: `${numberField(data, 'replicas_desired') ?? '?'} replica(s) desired, size ${numberField(data, 'size') ?? '?'}` },
      { name: 'replicas', ok: healthy > 0, detail: `${healthy} of ${pods.length} healthy` },
    ];
  },
  healthUrl: (ctx) => `https://${ctx.config.host ?? `${ctx.app}.gigalixirapp.com`}${healthPath(ctx)}`,
};
