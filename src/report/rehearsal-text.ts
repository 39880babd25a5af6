/** `rehearse` as text: the outcome, each phase's environment (names and sources, never values), each check. */
import type { Colors } from '../model/colors.js';
import type { Rehearsal, RehearsalCheck } from '../plan/rehearse/types.js';

const MARK: Record<RehearsalCheck['status'], (c: Colors) => string> = {
  pass: (c) => c.green('pass'),
  fail: (c) => c.red('FAIL'),
  unknown: (c) => c.yellow('not checked'),
};

const SUMMARY: Record<Rehearsal['status'], string> = {
  passed: 'the config boots with what the target provides',
  failed: 'the app would not start as the target runs it',
  inconclusive: 'part of the boot could not be rehearsed (see "not checked")',
  skipped: 'not rehearsed',
};

function envLine(label: string, env: Rehearsal['env']['build']): string {
  const bySource = new Map<string, string[]>();
  for (const v of env) bySource.set(v.source, [...(bySource.get(v.source) ?? []), v.name]);
  return `  ${label}: ${[...bySource].map(([s, n]) => `${n.join(', ')} (${s})`).join('; ') || 'nothing'}`;
}

export function formatRehearsalText(r: Rehearsal, c: Colors): string {
  const head = r.status === 'failed' ? c.red(r.status) : r.status === 'passed' ? c.green(r.status) : c.yellow(r.status);
  const out = [c.bold(`Boot rehearsal for ${r.target}: ${head}: ${SUMMARY[r.status]}`)];
  if (r.skipped) out.push(`  ${r.skipped}`);
  if (r.elixir) out.push(c.dim(`  Elixir ${r.elixir}; compiled code: ${r.ebin.length ? `${r.ebin.length} ebin folder(s) from ${r.ebin[0]?.split('/').slice(0, 2).join('/') ?? '_build'}` : 'none (no _build: run MIX_ENV=prod mix compile to load your modules)'}`));
  if (r.routedPort !== null) out.push(c.dim(`  the target routes to port ${r.routedPort}`));
  out.push(c.dim(envLine('build env', r.env.build)), c.dim(envLine('runtime env', r.env.runtime)));
  for (const k of r.checks) {
    out.push(`  ${MARK[k.status](c)} [${k.id}] ${k.message}${k.evidence ? ` (${k.evidence.file}:${k.evidence.line})` : ''}`);
    if (k.fix && k.status !== 'pass') out.push(c.dim(`      → ${k.fix}`));
  }
  return out.join('\n');
}
