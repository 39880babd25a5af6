/** Questions the fly rules and targets ask of the fly.toml files in the repository (typed at scan time). */
import type { Evidence, FlyService, FlyTomlInfo, Profile } from '../scan/profile.js';
import { computed } from './computed.js';

export interface FlyServiceRef {
  /** `[http_service]` or one `[[services]]` entry. */
  kind: 'http_service' | 'services';
  /** Dotted key of the table in `FlyTomlInfo.lines`: 'http_service' or 'services.0'. */
  key: string;
  /** How to name it in a message: `[http_service]`, `[[services]] #1`. */
  label: string;
  data: FlyService;
  /** Line of the table header (or of the file's first line when unknown). */
  line: number;
}

/** The services of a fly.toml that receive traffic: `[http_service]` and each `[[services]]` entry. */
export const flyServices = computed((f: FlyTomlInfo): readonly FlyServiceRef[] => {
  const d = f.data;
  if (!d) return [];
  const out: FlyServiceRef[] = [];
  if (d.http_service) out.push({ kind: 'http_service', key: 'http_service', label: '[http_service]', data: d.http_service, line: f.lines.http_service ?? 1 });
  const services = d.services ?? [];
  services.forEach((s, i) => {
    out.push({ kind: 'services', key: `services.${i}`, label: services.length > 1 ? `[[services]] #${i + 1}` : '[[services]]', data: s, line: f.lines[`services.${i}`] ?? f.lines.services ?? 1 });
  });
  return out;
});

/** Line of a key inside a fly.toml service (`internal_port` of 'services.0'), else the table's line. */
export function flyServiceLine(f: FlyTomlInfo, s: FlyServiceRef, key: string): number {
  return f.lines[`${s.key}.${key}`] ?? s.line;
}

/** Health-check paths configured in fly.toml (`[[http_service.checks]]`, `[checks.*]`, `[[services.http_checks]]`). */
export const flyCheckPaths = computed((p: Profile): readonly { path: string; evidence: Evidence }[] => {
  const out: { path: string; evidence: Evidence }[] = [];
  for (const f of p.facts.flyTomls) {
    const d = f.data;
    if (!d) continue;
    const add = (c: { path?: string | undefined }, key: string) => {
      if (c.path !== undefined) out.push({ path: c.path, evidence: { file: f.file, line: f.lines[`${key}.path`] ?? f.lines[key] ?? 1 } });
    };
    (d.http_service?.checks ?? []).forEach((c, i) => add(c, `http_service.checks.${i}`));
    for (const [k, c] of Object.entries(d.checks ?? {})) add(c, `checks.${k}`);
    (d.services ?? []).forEach((s, i) => (s.http_checks ?? []).forEach((c, j) => add(c, `services.${i}.http_checks.${j}`)));
  }
  return out;
});
