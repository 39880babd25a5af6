/** Checks several adapters share: docker's CLI and engine, a JSON status call. */
import { jsonField, versionIn, type AdapterContext, type AuthCheck, type ToolRequirement } from '../adapter.js';
import { parseJsonOutput } from '../select.js';

/** `docker version --format json` prints {"Client": {"Version": …}, "Server": …} (docs.docker.com/reference/cli/docker/version/). */
export const dockerTool: ToolRequirement = {
  bin: 'docker',
  version: ['version', '--format', 'json'],
  parse: (out) => {
    const v = jsonField(out, ['Client', 'Version']);
    return typeof v === 'string' ? versionIn(v) : null;
  },
  min: '20.10',
  install: 'install Docker (docs.docker.com/get-docker) and start its engine',
};

export const dockerEngine: AuthCheck = {
  what: 'the Docker engine answers',
  argv: ['docker', 'info', '--format', 'json'],
  ok: (out) => out.trim().length > 0,
  fix: 'start the Docker engine (or set DOCKER_HOST), then check with: docker info',
};

/** Runs a read-only call and parses its JSON; null when it fails or is not JSON. */
export async function readJson(ctx: AdapterContext, argv: string[]): Promise<{ data: unknown; error: string | null }> {
  const r = await ctx.runner({ argv, cwd: ctx.projectDir, env: ctx.env, timeoutMs: 60_000 });
  if (r.spawnError) return { data: null, error: r.spawnError };
  if (r.code !== 0) return { data: null, error: r.stderr.trim().split('\n').pop() ?? `exit ${r.code}` };
  const data = parseJsonOutput(r.stdout);
  return data === undefined ? { data: null, error: 'the output is not JSON' } : { data, error: null };
}

export function healthPath(ctx: AdapterContext): string {
  return ctx.config.health.path.startsWith('/') ? ctx.config.health.path : `/${ctx.config.health.path}`;
}
