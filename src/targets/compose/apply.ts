/**
 * docker compose on this machine. `docker compose version --format json` prints {"version": "v2.x.y"};
 * `docker compose ps --format json` prints one container per line, {Name, Service, State, Health}
 * (docs.docker.com/reference/cli/docker/compose/ps/). compose.env is the user's file of values.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonField, versionIn, type Adapter, type AdapterContext, type StatusCheck } from '../../apply/adapter.js';
import { dockerEngine, dockerTool, healthPath, lastLine } from '../../apply/adapters/common.js';
import { numberField, stringField } from '../../apply/narrow.js';
import { parseJsonLines } from '../../apply/select.js';

/** One container of `compose ps`: running (and healthy when it has a check), or the one-shot migrate exited 0. */
function serviceCheck(row: unknown): StatusCheck {
  const service = stringField(row, 'Service');
  const state = stringField(row, 'State');
  const health = stringField(row, 'Health');
  const exit = numberField(row, 'ExitCode');
  const ok = state === 'running' ? health === undefined || health === '' || health === 'healthy' : state === 'exited' && service === 'migrate' && exit === 0;
  return { name: `service ${service ?? '?'}`, ok, detail: `${state ?? '?'}${health ? ` (${health})` : ''}${state === 'exited' ? ` (exit ${exit ?? '?'})` : ''}` };
}

/** The Compose file the plan's steps run (compose.yaml, or compose.release.yaml beside the project's own). */
function composeFile(ctx: AdapterContext): string {
  const up = ctx.plan.steps.find((s) => s.id === 'compose-up')?.command ?? [];
  const i = up.indexOf('--file');
  return (i >= 0 && up[i + 1]) || 'compose.yaml';
}

export const adapter: Adapter = {
  order: 5,
  tools: () => [
    dockerTool,
    {
      bin: 'docker',
      version: ['compose', 'version', '--format', 'json'],
      parse: (out) => {
        const v = jsonField(out, ['version']);
        return typeof v === 'string' ? versionIn(v) : null;
      },
      min: '2.20.0',
      install: 'install the Docker Compose plugin 2.20 or newer (docs.docker.com/compose/install/)',
    },
  ],
  auth: () => [dockerEngine],
  async settings(ctx) {
    let text: string;
    try {
      text = await readFile(join(ctx.projectDir, 'compose.env'), 'utf8');
    } catch {
      return ['compose.env is missing: copy compose.env.example to compose.env and fill in every <...> (keep it out of git)'];
    }
    const left = text.split('\n').filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=<.*>\s*$/.test(l)).map((l) => l.slice(0, l.indexOf('=')));
    return left.length ? [`compose.env still has placeholders for ${left.join(', ')}: replace each <...> with a value`] : [];
  },
  async status(ctx) {
    // --env-file as on every compose call: `ps --file` loads the project, which interpolates ${X:?…}
    // (docker/compose cmd/compose/compose.go:246-266).
    const r = await ctx.runner({ argv: ['docker', 'compose', '--file', composeFile(ctx), '--env-file', 'compose.env', 'ps', '--all', '--format', 'json'], cwd: ctx.projectDir, env: ctx.env, timeoutMs: 60_000 });
    if (r.spawnError || r.code !== 0) return [{ name: 'compose services', ok: false, detail: r.spawnError ?? lastLine(r.stderr) ?? `exit ${r.code}` }];
    const data = parseJsonLines(r.stdout);
    if (data === undefined) return [{ name: 'compose services', ok: false, detail: 'the output is not JSON' }];
    if (!data.length) return [{ name: 'compose services', ok: false, detail: 'no containers' }];
    return data.map(serviceCheck);
  },
  healthUrl: (ctx) => `http://localhost:4000${healthPath(ctx)}`,
};
