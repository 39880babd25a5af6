/** The rehearsal script's JSON, read into typed values (anything unexpected reads as absent). */
import { isRecord } from '../../model/guards.js';
import type { Effective, PhaseError, PhaseReport } from './types.js';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function phaseError(v: unknown): PhaseError | null {
  if (!isRecord(v)) return null;
  const kind = v.kind === 'env' || v.kind === 'module' || v.kind === 'elixir' ? v.kind : 'raise';
  return { kind, type: str(v.type) ?? 'error', message: str(v.message) ?? '', file: str(v.file), variable: str(v.variable), module: str(v.module), function: str(v.function), lastRead: str(v.last_read) };
}

function phase(v: unknown): PhaseReport | null {
  if (!isRecord(v)) return null;
  return {
    phase: v.phase === 'build' ? 'build' : 'run',
    file: str(v.file),
    reads: list(v.reads).flatMap((r) => (isRecord(r) && typeof r.name === 'string' ? [{ name: r.name, set: r.set === true, file: str(r.file) }] : [])),
    error: phaseError(v.error),
    mixCalls: list(v.mix_calls).flatMap((c) => (typeof c === 'string' ? [c] : [])),
  };
}

function effective(v: unknown): Effective | null {
  if (!isRecord(v)) return null;
  return {
    endpoint: str(v.endpoint),
    endpointConfigured: v.endpoint_configured === true,
    server: v.server === true,
    port: num(v.port),
    httpsOnly: v.https_only === true,
    host: str(v.host),
    secretKeyBaseBytes: num(v.secret_key_base_bytes),
    repos: list(v.repos).flatMap((r) => (isRecord(r) && typeof r.module === 'string' ? [{ module: r.module, compiled: r.compiled === true, connection: str(r.connection), initError: str(r.init_error) }] : [])),
  };
}

export interface ScriptResult {
  elixir: string | null;
  phases: PhaseReport[];
  effective: Effective | null;
}

export function parseScriptOutput(json: unknown): ScriptResult {
  const o = isRecord(json) ? json : {};
  return { elixir: str(o.elixir), phases: list(o.phases).flatMap((p) => phase(p) ?? []), effective: effective(o.effective) };
}
