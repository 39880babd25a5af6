/**
 * A `rel/env.sh.eex` written for Fly only, made portable: the Fly-specific statements are wrapped in
 * `if [ -n "${FLY_APP_NAME:-}" ]; then … fi`, so on other platforms the release falls back to its defaults
 * (or to the RELEASE_NODE/RELEASE_DISTRIBUTION the target sets in the environment, which the release
 * script honours when env.sh does not override them).
 *
 * Fly-specific, in the file's top-level statements (a compound block counts as one):
 * - an assignment that reads FLY_* with no guard and no fallback (unguardedFlyReads);
 * - an assignment from a source only Fly has (`$(grep fly-local-6pn /etc/hosts …)`);
 * - a statement that reads a variable one of those sets (`RELEASE_NODE=$FLY_APP_NAME@$ip` makes `ip`'s
 *   consumers Fly's too), and a bare `export` of such variables;
 * - what goes with Fly's private network: RELEASE_DISTRIBUTION (unless a RELEASE_NODE set outside stays),
 *   `-proto_dist inet6_tcp` in ERL_AFLAGS/ELIXIR_ERL_OPTIONS, ECTO_IPV6.
 * Each run of them becomes one guarded block, in place (nothing moves, so the order of assignments holds);
 * comments and blank lines between two of them go inside, those around stay outside. The user's lines are
 * kept byte for byte, indented by two spaces (a line that begins inside a quoted string is not indented).
 */
import { projectRel } from '../facts/project.js';
import type { GeneratedFile, Patch } from '../model/plan.js';
import type { Profile, ScriptInfo } from '../scan/profile.js';
import { assignedNames, readNames, shellItems, unguardedFlyReads, type ShellItem } from '../facts/env-sh-shell.js';

export const FLY_GUARD = 'if [ -n "${FLY_APP_NAME:-}" ]; then';

/** Commands whose output only exists on a Fly machine. */
const FLY_ONLY_SOURCE = /\bfly-local-[a-z0-9]+\b/;
/** Settings for Fly's IPv6-only private network. */
const IPV6_ONLY = (name: string, text: string) => name === 'ECTO_IPV6' || (/^(ERL_AFLAGS|ELIXIR_ERL_OPTIONS)$/.test(name) && /inet6_tcp/.test(text));

interface Statement {
  item: ShellItem;
  text: string;
  assigns: string[];
  exportsOnly: string[] | null;
  reads: string[];
  fly: boolean;
}

/** The portable text, or null when there is nothing to guard or the file cannot be read safely. */
export function portableEnvSh(text: string): string | null {
  if (unguardedFlyReads(text).length === 0) return null;
  const lines = text.split('\n');
  const items = shellItems(lines);
  if (!items) return null;
  const statements = classify(items, lines, new Set(unguardedFlyReads(text).map((r) => r.line - 1)));
  const after = wrap(items, statements, lines, text.includes('\r\n') ? '\r' : '');
  // What the patch promises: nothing Fly-only is left unguarded (else it is not offered).
  return unguardedFlyReads(after).length === 0 ? after : null;
}

function classify(items: ShellItem[], lines: string[], flyLines: Set<number>): Map<ShellItem, Statement> {
  const out = new Map<ShellItem, Statement>();
  for (const item of items) {
    if (item.kind !== 'code') continue;
    const text = lines.slice(item.start, item.end + 1).join('\n');
    const names = assignedNames(text);
    const readsFly = lines.slice(item.start, item.end + 1).some((_, k) => flyLines.has(item.start + k));
    out.set(item, { item, text, ...names, reads: readNames(text), fly: readsFly || (names.assigns.length > 0 && FLY_ONLY_SOURCE.test(text)) });
  }
  const all = [...out.values()];
  // Whatever reads a variable a Fly statement sets is Fly's too, until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    const flySets = new Set(all.filter((s) => s.fly).flatMap((s) => s.assigns));
    for (const s of all) {
      if (s.fly) continue;
      if (s.reads.some((r) => flySets.has(r)) || (s.exportsOnly?.length && s.exportsOnly.every((n) => flySets.has(n)))) s.fly = changed = true;
    }
  }
  const nodeStaysOutside = all.some((s) => !s.fly && s.assigns.includes('RELEASE_NODE'));
  for (const s of all) {
    if (s.fly || s.assigns.length !== 1) continue;
    const name = s.assigns[0] ?? '';
    if ((name === 'RELEASE_DISTRIBUTION' && !nodeStaysOutside) || IPV6_ONLY(name, s.text)) s.fly = true;
  }
  return out;
}

/** The lines again, each run of Fly statements (with the comments between them) inside one guard. */
function wrap(items: ShellItem[], statements: Map<ShellItem, Statement>, lines: string[], cr: string): string {
  const isFly = (item: ShellItem) => statements.get(item)?.fly === true;
  const out: string[] = [];
  for (let i = 0; i < items.length; ) {
    const item = items[i];
    if (!item) break;
    if (!isFly(item)) {
      out.push(...lines.slice(item.start, item.end + 1));
      i++;
      continue;
    }
    // The run ends at its last Fly statement before the next statement that works anywhere.
    let last = i;
    for (const [j, next] of items.entries()) {
      if (j <= i) continue;
      if (next.kind === 'code' && !isFly(next)) break;
      if (isFly(next)) last = j;
    }
    out.push(FLY_GUARD + cr);
    for (const inner of items.slice(i, last + 1)) {
      for (let n = inner.start; n <= inner.end; n++) {
        const line = lines[n] ?? '';
        out.push(inner.inString.includes(n) || line.trim() === '' ? line : `  ${line}`);
      }
    }
    out.push(`fi${cr}`);
    i = last + 1;
  }
  return out.join('\n');
}

export const ENV_SH_PATCH_ID = 'env-sh-guard-fly';
const ENV_SH = 'rel/env.sh.eex';

/**
 * The project's own env.sh.eex when the release keeps it (the plan's is not written over it) on a target
 * that is not Fly, and it reads FLY_* with no guard: what the preflight calls an error and the patch fixes.
 */
export function keptFlyOnlyEnvSh(profile: Profile, target: string, files: readonly GeneratedFile[], keptFiles: ReadonlySet<string> | undefined): ScriptInfo | null {
  const tpl = profile.facts?.relEnvTemplate;
  // The docker target's image may run on Fly too: only the targets that run it elsewhere are checked.
  if (!tpl || target === 'fly' || target === 'github-actions' || target === 'docker') return null;
  const ours = files.some((f) => f.path === ENV_SH) && !(keptFiles?.has(ENV_SH) ?? true);
  return ours || unguardedFlyReads(tpl.text).length === 0 ? null : tpl;
}

/** The patch that guards the Fly part of a kept Fly-only env.sh.eex, when the text can be made portable. */
export function portableEnvShPatch(profile: Profile, target: string, files: readonly GeneratedFile[], keptFiles: ReadonlySet<string> | undefined): Patch | null {
  const tpl = keptFlyOnlyEnvSh(profile, target, files, keptFiles);
  const after = tpl ? portableEnvSh(tpl.text) : null;
  if (!tpl || after === null) return null;
  return {
    id: ENV_SH_PATCH_ID,
    file: projectRel(profile, tpl.file),
    description: `guard the Fly-only part of ${tpl.file} with if [ -n "\${FLY_APP_NAME:-}" ]: on ${target} the release then keeps the node name the target sets, or its default`,
    before: tpl.text,
    after,
  };
}
