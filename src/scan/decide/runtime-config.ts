/** The runtime config file and every env var it reads in prod (required, default, dynamic). */
import type { EnvVar } from '../profile.js';
import { redactValue } from '../redact.js';
import type { Decider } from './types.js';

export const decideRuntimeConfig: Decider<'runtimeConfig'> = ({ facts, web }) => {
  const file = facts.configFiles.find((f) => f.runtime && f.file.endsWith('runtime.exs'))?.file ?? facts.configFiles.find((f) => f.runtime)?.file ?? null;
  const env: EnvVar[] = [];
  const byName = new Map<string, EnvVar>();
  for (const r of facts.envReads) {
    if (!r.runtime || !r.envs.includes('prod')) continue;
    if (r.dynamic) {
      // Which variable it needs is unknown, so it cannot be asked for: reported, never counted as required.
      env.push({ name: r.name, required: false, default: redactValue(r.name, r.default), dynamic: true, evidence: r.evidence });
      continue;
    }
    const prev = byName.get(r.name);
    if (prev) {
      if (r.required && !prev.required && r.alternatives) prev.alternatives = r.alternatives;
      prev.required ||= r.required;
      prev.default ??= redactValue(r.name, r.default);
      continue;
    }
    const v: EnvVar = { name: r.name, required: r.required, default: redactValue(r.name, r.default), dynamic: false, evidence: r.evidence, ...(r.required && r.alternatives ? { alternatives: r.alternatives } : {}) };
    byName.set(r.name, v);
    env.push(v);
  }
  satisfiedByAlternatives(env, byName);
  // Without a runtime config, the endpoint reads `http: [port: {:system, "PORT"}]` when it starts: the
  // listener cannot start without it (Phoenix ≤ 1.4 apps).
  if (!file) {
    for (const r of facts.envReads) {
      if (r.via !== '{:system, VAR}' || r.dynamic || !r.envs.includes('prod') || r.key !== web.endpoint?.module || r.path.join('.') !== 'http.port' || byName.has(r.name)) continue;
      const v: EnvVar = { name: r.name, required: true, default: null, dynamic: false, evidence: r.evidence };
      byName.set(r.name, v);
      env.push(v);
    }
  }
  return { value: { file, env }, evidence: { runtimeConfig: file ? { file, line: 1 } : null } };
};

/**
 * `DEVICE_HOST || WEB_HOST || HOST || raise` next to `WEB_HOST || HOST || raise`: setting the variable
 * the other read requires satisfies both, so the first is not required on its own.
 */
function satisfiedByAlternatives(env: EnvVar[], byName: ReadonlyMap<string, EnvVar>): void {
  for (const v of env) {
    if (!v.required || !v.alternatives) continue;
    if (v.alternatives.some((a) => byName.get(a)?.required)) {
      v.required = false;
      delete v.alternatives;
    }
  }
}
