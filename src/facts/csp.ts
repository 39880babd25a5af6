/** The Content-Security-Policy a router sets: what `put_secure_browser_headers` says, and which plugs set the header themselves. */
import type { PlugRef } from '../scan/profile.js';
import { literal } from '../scan/term.js';
import { literalText } from './terms.js';

/** What a `put_secure_browser_headers` plug says about the CSP: none set, a readable literal policy, or one built at runtime. */
export type SecureHeadersCsp = { kind: 'none' } | { kind: 'literal'; policy: string; line: number } | { kind: 'dynamic' };

export function secureHeadersCsp(plug: PlugRef): SecureHeadersCsp {
  const o = plug.opts;
  if (!o) return { kind: 'none' };
  if (o.t !== 'map') return o.t === 'kw' || (o.t === 'list' && o.items.length === 0) ? { kind: 'none' } : { kind: 'dynamic' };
  const pair = o.pairs.find((p) => literal(p.key)?.toLowerCase() === 'content-security-policy');
  if (!pair) return { kind: 'none' };
  const policy = literalText(pair.value);
  return policy === null ? { kind: 'dynamic' } : { kind: 'literal', policy, line: pair.line };
}
