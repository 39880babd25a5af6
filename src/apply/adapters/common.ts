/** Checks several adapters share: docker's CLI and engine, a JSON status call. */
import { jsonField, versionIn, type AdapterContext, type AuthCheck, type ToolRequirement } from '../adapter.js';
import { parseJsonOutput } from '../select.js';

/**
 * `docker version --format json` prints {"Client": {"Version": …}, "Server": …}; JSON only since Docker 23.0.5
 * (docker/cli 8e00eb4a, backport of 23bd746c), the word `json` before. With the engine down it still prints the
 * Client part and exits 1 (docker/cli cli/command/system/version.go:219-229): the version is read either way.
 */
export const dockerTool: ToolRequirement = {
  bin: 'docker',
  version: ['version', '--format', 'json'],
  parse: (out) => {
    const v = jsonField(out, ['Client', 'Version']);
    return typeof v === 'string' ? versionIn(v) : null;
  },
  min: '23.0.5',
  install: 'install Docker (docs.docker.com/get-docker) and start its engine',
};

/** `terraform version -json` prints {"terraform_version": …}; 1.5 is the oldest the generated configurations are written for. */
export const terraformTool: ToolRequirement = {
  bin: 'terraform',
  version: ['version', '-json'],
  parse: (out) => {
    const v = jsonField(out, ['terraform_version']);
    return typeof v === 'string' ? versionIn(v) : null;
  },
  min: '1.5.0',
  install: 'install Terraform 1.5 or newer (developer.hashicorp.com/terraform/install)',
};

export const dockerEngine: AuthCheck = {
  what: 'the Docker engine answers',
  argv: ['docker', 'info', '--format', 'json'],
  ok: (out) => out.trim().length > 0,
  fix: 'start the Docker engine (or set DOCKER_HOST), then check with: docker info',
  // `docker info` joins the connection error into its exit 1 (docker/cli cli/command/system/info.go:85-113).
  why: (_out, err) => lastLine(err),
};

/** The last non-empty line of a CLI's stderr, without docker's "ERROR: " / "Error: " prefix. */
export function lastLine(text: string): string | null {
  const line = text.trim().split('\n').filter((l) => l.trim()).pop();
  return line === undefined ? null : line.replace(/^(ERROR|Error):\s*/, '').trim();
}

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
