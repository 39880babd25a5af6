/** mix.lock: the locked version of every dependency (the lock file is Elixir syntax: a map literal). */
import { keywordPairs } from '../elixir/ast.js';
import { kids, lineOf, type Node } from '../elixir/parser.js';
import { newContext, toTerm } from '../elixir/to-term.js';
import type { LockEntry } from '../profile.js';

export function extractLock(root: Node, file: string): { file: string; entries: LockEntry[] } {
  const entries: LockEntry[] = [];
  const map = kids(root).find((n) => n.type === 'map');
  const content = kids(map ?? null).find((n) => n.type === 'map_content');
  const ctx = newContext();
  // Entries are written `"name": {...}` (quoted keywords); older locks use `"name" => {...}`.
  const pairs: { name: string; value: Node; line: number }[] = [];
  for (const item of kids(content ?? null)) {
    if (item.type === 'binary_operator') {
      const k = item.childForFieldName('left');
      const v = item.childForFieldName('right');
      const key = k ? toTerm(k, ctx) : null;
      if (key?.t === 'string' && v) pairs.push({ name: key.v, value: v, line: lineOf(item) });
    } else if (item.type === 'keywords') {
      for (const p of keywordPairs(item)) pairs.push({ name: p.key, value: p.value, line: lineOf(p.keyNode) });
    }
  }
  for (const pair of pairs) {
    if (pair.value.type !== 'tuple') continue;
    // Only manager, name and version matter: the dependency lists and hashes are never converted.
    const val = { items: kids(pair.value).slice(0, 3).map((n) => toTerm(n, ctx)) };
    const key = { v: pair.name };
    const manager = val.items[0]?.t === 'atom' ? val.items[0].v : 'unknown';
    let version = '';
    if (manager === 'hex' && val.items[2]?.t === 'string') version = val.items[2].v;
    else if (manager === 'git') {
      const ref = val.items[2];
      version = ref?.t === 'string' ? `git:${ref.v.slice(0, 12)}` : 'git';
    }
    entries.push({ name: key.v, version, manager, evidence: { file, line: pair.line } });
  }
  return { file, entries };
}
