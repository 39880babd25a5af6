/**
 * docker compose on this machine. `docker compose version --format json` prints {"version": "v2.x.y"};
 * `docker compose ps --format json` prints one container per line, {Name, Service, State, Health}
 * (docs.docker.com/reference/cli/docker/compose/ps/). compose.env is the user's file of values.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonField, versionIn, type Adapter, type AdapterContext } from '../../apply/adapter.js';
import { dockerEngine, dockerTool, healthPath, readJson } from '../../apply/adapters/common.js';
import { stringField } from '../../apply/narrow.js';

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
    const { data, error } = await readJson(ctx, ['docker', 'compose', '--file', composeFile(ctx), 'ps', '--all', '--format', 'json']);
    if (error) return [{ name: 'compose services', ok: false, detail: error }];
    const rows = (Array.isArray(data) ? data : [data]).map((r: unknown) => ({ Service: stringField(r, 'Service'), State: stringField(r, 'State'), Health: stringField(r, 'Health') }));
    if (!rows.length) return [{ name: 'compose services', ok: false, detail: 'no containers' }];
    return rows.map((r) => ({
      name: `service ${r.Service ?? '?'}`,
      ok: r.State === 'running' ? r.Health === undefined || r.Health === '' || r.Health === 'healthy' : r.State === 'exited' && r.Service === 'migrate',
      detail: `${r.State ?? '?'}${r.Health ? ` (${r.Health})` : ''}`,
    }));
  },
  healthUrl: (ctx) => `http://localhost:4000${healthPath(ctx)}`,
};
