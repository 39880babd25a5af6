/**
 * The checks of a boot rehearsal, decided from what the script saw: the first raise of each config phase
 * (with Elixir's own message and the variable it needed), secrets read at build time, Mix called where a
 * release has none, then the effective config: the endpoint serves, listens on the routed port, has a
 * real url host and a secret_key_base of 64 bytes or more, and every Repo has a connection.
 */
import type { Evidence } from '../../model/evidence.js';
import type { ScriptResult } from './parse-output.js';
import type { Effective, PhaseError, PhaseReport, RehearsalCheck } from './types.js';

export interface CheckContext {
  routedPort: number | null;
  deployMode: 'release' | 'mix';
  /** Variables the target provides only at run time as secrets (the build has none of them). */
  runtimeSecrets: ReadonlySet<string>;
  /** Where a variable is read in the config (in FILE when given), when the scan found it. */
  evidenceOf(name: string, file?: string | null): Evidence | null;
  /** Where the app's build lives (`_build/prod`) was found compiled. */
  compiled: boolean;
  target: string;
  /** What starts the app starts the server itself (`mix phx.server`, which forces server: true). */
  serverByStart: boolean;
  /** Repo modules whose source defines init/2 (the scan read them): only these may set their connection there. */
  reposWithInit: ReadonlySet<string>;
  /** Runtime variables holding a stand-in value (a secret or a value set at deploy time), not the real one. */
  standIns: ReadonlySet<string>;
  /** The Elixir version the rehearsal ran. */
  elixir: string | null;
}

/** Targets that run the app on the developer's own machine or image, where localhost is a real host. */
const LOCAL_TARGETS = new Set(['compose', 'docker']);

const COMPILE_FIX = 'run `MIX_ENV=prod mix deps.get && MIX_ENV=prod mix compile` in the project (no network is used by the rehearsal itself), then rehearse again';

function check(c: Partial<RehearsalCheck> & Pick<RehearsalCheck, 'id' | 'status' | 'message'>): RehearsalCheck {
  return { fix: null, file: null, evidence: null, ...c };
}

/** A phase's first raise: a fail with Elixir's message, or an unknown when a module is not compiled. */
function errorCheck(id: 'build-config' | 'runtime-config', p: PhaseReport, e: PhaseError, ctx: CheckContext): RehearsalCheck {
  const where = e.file ?? p.file ?? 'the config';
  if (e.kind === 'module') {
    const what = `${where} calls ${e.module ?? 'a module'}${e.function ? `.${e.function}` : ''}, which is not compiled${ctx.compiled ? ' in _build' : ' (no _build found)'}`;
    return check({ id, status: 'unknown', message: `${what}: the rest of the boot cannot be rehearsed (${e.message})`, fix: COMPILE_FIX, file: where });
  }
  if (e.kind === 'elixir') {
    return check({ id, status: 'unknown', message: `${where} does not evaluate under Elixir ${ctx.elixir ?? '(this version)'}: ${e.type}: ${e.message}; the app may need a newer Elixir (or code compiled with it)`, fix: 'rehearse with the Elixir version the app is built with on PATH', file: where });
  }
  // A raise right after reading a stand-in value says more about the stand-in than about the app.
  if (e.kind === 'raise' && id === 'runtime-config' && e.lastRead && ctx.standIns.has(e.lastRead)) {
    return check({ id, status: 'unknown', message: `${where} raises at boot right after reading ${e.lastRead}, which holds a stand-in value here (${e.type}: ${e.message})`, fix: `set env.${e.lastRead} in phoenix-ops.yaml to a value of the right form and rehearse again`, file: where, evidence: ctx.evidenceOf(e.lastRead) });
  }
  const phase = id === 'build-config' ? 'at build time (config.exs and its imports run when the release is built)' : 'at boot';
  const needs = e.variable ? `; it needed ${e.variable}, which the ${id === 'build-config' ? 'build' : 'target'} does not set` : '';
  const fix = e.variable
    ? id === 'build-config'
      ? `read ${e.variable} in config/runtime.exs instead, or give the build a value for it`
      : `provide ${e.variable} (env: or secrets: in phoenix-ops.yaml), or give it a default in ${where}`
    : `make ${where} evaluate with the target's environment`;
  return check({ id, status: 'fail', message: `${where} raises ${phase}: ${e.type}: ${e.message}${needs}`, fix, file: where, evidence: e.variable ? ctx.evidenceOf(e.variable) : null });
}

/** Secrets the build reads: config.exs and prod.exs run at build time, where no secret exists. */
function buildSecretChecks(build: PhaseReport | undefined, run: PhaseReport | undefined, ctx: CheckContext): RehearsalCheck[] {
  if (!build || ctx.deployMode !== 'release') return [];
  const readAtRuntime = new Set((run?.reads ?? []).map((r) => r.name));
  const firstReads = new Map<string, string | null>();
  for (const r of build.reads) if (!r.set && ctx.runtimeSecrets.has(r.name) && !firstReads.has(r.name)) firstReads.set(r.name, r.file);
  return [...firstReads].map(([name, file]) => {
    const overridden = readAtRuntime.has(name);
    const where = file ?? build.file ?? 'config/config.exs';
    return check({
      id: 'build-secret',
      status: overridden ? 'pass' : 'fail',
      message: overridden
        ? `${name} is read at build time (unset there) and again at boot by the runtime config`
        : `${name} is read at build time by ${where} (config.exs and the files it imports run when the release is built), where the build has no value: the release bakes in nil, and the secret the target sets at run time is never read`,
      fix: overridden ? null : `move the read of ${name} to config/runtime.exs`,
      file: where,
      evidence: ctx.evidenceOf(name, where),
    });
  });
}

function phaseChecks(r: ScriptResult, ctx: CheckContext): RehearsalCheck[] {
  const build = r.phases.find((p) => p.phase === 'build');
  const run = r.phases.find((p) => p.phase === 'run');
  const out: RehearsalCheck[] = [];
  if (build?.error) out.push(errorCheck('build-config', build, build.error, ctx));
  else if (build?.file) out.push(check({ id: 'build-config', status: 'pass', message: `${build.file} evaluates for :prod with the build's environment`, file: build.file }));
  if (run?.error) out.push(errorCheck('runtime-config', run, run.error, ctx));
  else if (run?.file) out.push(check({ id: 'runtime-config', status: 'pass', message: `${run.file} evaluates with the target's environment`, file: run.file }));
  if (run && run.mixCalls.length && ctx.deployMode === 'release') {
    out.push(check({ id: 'mix-at-runtime', status: 'fail', message: `${run.file ?? 'the runtime config'} calls ${run.mixCalls.join(', ')}, but a release has no Mix (UndefinedFunctionError at boot)`, fix: 'use config_env() instead of Mix.env() in config/runtime.exs', file: run.file }));
  }
  return [...out, ...buildSecretChecks(build, run, ctx)];
}

function serverAndPort(e: Effective, ctx: CheckContext): RehearsalCheck[] {
  const out: RehearsalCheck[] = [];
  const ep = e.endpoint ?? 'the endpoint';
  out.push(e.server || ctx.serverByStart
    ? check({ id: 'server', status: 'pass', message: e.server ? `${ep} serves (server: true)` : `${ep} serves: mix phx.server starts it` })
    : check({ id: 'server', status: 'fail', message: `${ep} does not start its web server: server is not true with the target's environment, so the app boots and listens on nothing`, fix: 'set server: true when PHX_SERVER is set (config/runtime.exs), or set the variable the config reads' }));
  if (e.port === null) {
    out.push(e.httpsOnly
      ? check({ id: 'port', status: 'unknown', message: `${ep} configures only https:, no http: port`, fix: 'serve plain http on the routed port behind the platform\'s TLS' })
      : check({ id: 'port', status: 'fail', message: `${ep} has no http port with the target's environment${ctx.routedPort !== null ? ` (the target routes to ${ctx.routedPort})` : ''}`, fix: 'read the port from the env var the target sets (PORT) in config/runtime.exs' }));
  } else if (ctx.routedPort !== null && e.port !== ctx.routedPort) {
    out.push(check({ id: 'port', status: 'fail', message: `${ep} listens on ${e.port} but the target routes to ${ctx.routedPort}`, fix: `set port: ${e.port} in phoenix-ops.yaml, or read the port from the variable the target sets` }));
  } else out.push(check({ id: 'port', status: 'pass', message: `${ep} listens on ${e.port}${ctx.routedPort !== null ? ', where the target routes' : ''}` }));
  return out;
}

function hostCheck(e: Effective, ctx: CheckContext): RehearsalCheck {
  const ep = e.endpoint ?? 'the endpoint';
  if (e.host === null) return check({ id: 'url-host', status: 'fail', message: `${ep} has no url host: generated links and check_origin use localhost`, fix: 'set url: [host: System.get_env("PHX_HOST")] in config/runtime.exs and host: in phoenix-ops.yaml' });
  if (e.host === 'localhost' && LOCAL_TARGETS.has(ctx.target)) return check({ id: 'url-host', status: 'pass', message: `${ep}'s url host is localhost (a local ${ctx.target} deployment)` });
  // The docker target writes an image only: the host comes with `docker run -e PHX_HOST=…`.
  if (e.host === 'example.com' && ctx.target === 'docker') return check({ id: 'url-host', status: 'unknown', message: `${ep}'s url host is example.com unless PHX_HOST is passed to the container`, fix: 'run the image with -e PHX_HOST=<your host>' });
  if (e.host === 'example.com' || e.host === 'localhost') return check({ id: 'url-host', status: 'fail', message: `${ep}'s url host is ${e.host}, not the deployment's host`, fix: 'read the host from PHX_HOST in config/runtime.exs, and set host: in phoenix-ops.yaml' });
  return check({ id: 'url-host', status: 'pass', message: `${ep}'s url host is ${e.host}` });
}

function keyCheck(e: Effective): RehearsalCheck {
  const ep = e.endpoint ?? 'the endpoint';
  const bytes = e.secretKeyBaseBytes;
  const key = bytes === null
    ? check({ id: 'secret-key-base', status: 'fail', message: `${ep} has no secret_key_base with the target's environment: Phoenix refuses to start`, fix: 'read SECRET_KEY_BASE in config/runtime.exs (System.fetch_env!)' })
    : bytes < 64
      ? check({ id: 'secret-key-base', status: 'fail', message: `${ep}'s secret_key_base is ${bytes} bytes; Phoenix needs at least 64`, fix: 'generate it with mix phx.gen.secret' })
      : check({ id: 'secret-key-base', status: 'pass', message: `${ep}'s secret_key_base is ${bytes} bytes` });
  return key;
}

function repoChecks(e: Effective, ctx: CheckContext): RehearsalCheck[] {
  return e.repos.map((r) => {
    if (r.initError !== null) return check({ id: 'repo', status: 'fail', message: `${r.module}.init/2 raises with the target's environment: ${r.initError}`, fix: `make ${r.module}.init/2 read what the target sets` });
    if (r.connection !== null) return check({ id: 'repo', status: 'pass', message: `${r.module} connects by ${r.connection}` });
    if (!r.compiled && ctx.reposWithInit.has(r.module)) return check({ id: 'repo', status: 'unknown', message: `${r.module} has no url, hostname or database in the config; its init/2 may set them, but it is not compiled`, fix: COMPILE_FIX });
    return check({ id: 'repo', status: 'fail', message: `${r.module} has no connection (url, hostname or database) with the target's environment, ${r.compiled ? ' even after its init/2' : ' (it defines no init/2)'}`, fix: `set url: from the database env var in config/runtime.exs` });
  });
}

export function rehearsalChecks(r: ScriptResult, ctx: CheckContext): RehearsalCheck[] {
  const phases = phaseChecks(r, ctx);
  const e = r.effective;
  if (!e) return phases;
  if (!e.endpointConfigured && e.endpoint === null) return [...phases, check({ id: 'server', status: 'unknown', message: 'no endpoint module was found to check', fix: null })];
  return [...phases, ...serverAndPort(e, ctx), hostCheck(e, ctx), keyCheck(e), ...repoChecks(e, ctx)];
}
