import type { Evidence, PlugRef } from '../../scan/profile.js';
import type { KwPair, Term } from '../../scan/term.js';
import { literalInt } from '../../facts/terms.js';
import { routerOf } from '../../facts/web.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

/** Above this a single request body can take a large share of a small instance's memory or disk. */
const LIMIT = 100_000_000;

function tooLarge(t: Term): string | null {
  if (t.t === 'atom' && t.v === 'infinity') return ':infinity';
  const n = literalInt(t);
  if (n !== null && n > LIMIT) return `${n} bytes (${Math.round(n / 1_000_000)} MB)`;
  return null;
}

/** `length:` pairs of a Plug.Parsers call: the top-level one and those of `{:multipart, length: …}` parser tuples. */
function lengthPairs(opts: Term | null): { pair: KwPair; parser: string | null }[] {
  if (!opts || opts.t !== 'kw') return [];
  const out: { pair: KwPair; parser: string | null }[] = [];
  for (const p of opts.pairs) if (p.key === 'length') out.push({ pair: p, parser: null });
  const parsers = opts.pairs.find((p) => p.key === 'parsers')?.value;
  if (parsers?.t === 'list') {
    for (const item of parsers.items) {
      if (item.t !== 'tuple' || item.items.length < 2) continue;
      const [name, popts] = item.items;
      if (popts?.t !== 'kw') continue;
      for (const p of popts.pairs) if (p.key === 'length') out.push({ pair: p, parser: name?.t === 'atom' ? `:${name.v}` : null });
    }
  }
  return out;
}

export const rule = defineRule({
  id: 'plug-parsers-unbounded',
  title: 'Request body size is unbounded',
  category: 'networking',
  severity: 'medium',
  description:
    'Plug.Parsers reads request bodies up to `length:` (8 MB by default). `length: :infinity` or hundreds of megabytes lets one client, or a few concurrent ones, exhaust the memory or temporary disk of an instance sized for normal traffic.',
  fix: 'Keep the default, or set the smallest `length:` your uploads need; for large files upload directly to object storage (presigned URLs, LiveView external uploads).',
  equivalents: [],
  requires: ['endpoint'],
  messages: {
    unbounded: "Plug.Parsers in {{where}} accepts request bodies of length {{size}}: a few large requests can exhaust the instance's memory or disk",
    unboundedParser: "Plug.Parsers in {{where}} accepts {{parser}} request bodies of length {{size}}: a few large requests can exhaust the instance's memory or disk",
  },
  check({ profile, endpoint: ep }) {
    const found: { plug: PlugRef; where: string }[] = ep.plugs.filter((pg) => pg.name === 'Plug.Parsers').map((plug) => ({ plug, where: ep.module }));
    for (const pl of routerOf(profile)?.pipelines ?? []) {
      for (const plug of pl.plugs) if (plug.name === 'Plug.Parsers') found.push({ plug, where: `pipeline :${pl.name}` });
    }
    if (found.length === 0) return notApplicable('no Plug.Parsers plug found');
    const hits: Hit[] = [];
    for (const { plug, where } of found) {
      for (const { pair, parser } of lengthPairs(plug.opts)) {
        const size = tooLarge(pair.value);
        if (!size) continue;
        const evidence: Evidence = { file: plug.evidence.file, line: pair.line };
        hits.push({
          messageId: parser ? 'unboundedParser' : 'unbounded',
          data: { where, ...(parser ? { parser } : {}), size },
          // The size is the value the user tunes: the finding is the parser that allows too much.
          snippet: `${where} ${parser ?? ''}`,
          evidence: [evidence],
        });
      }
    }
    return hits;
  },
});
