/**
 * Templates (`.heex`, `.eex`, `.leex`, and `~H` sigils in layout modules): LiveViews mounted with
 * `live_render` from a template, and a Content-Security-Policy set by a `<meta http-equiv>` tag in a
 * layout. HEEx has no grammar: EEx tags are cut out and their code, joined in order (which is what
 * EEx compiles), is parsed as Elixir; HTML tags are tokenized just enough to read attributes.
 */
import { callName, walk } from '../elixir/ast.js';
import { lineOf } from '../elixir/parser.js';
import type { CspSource, Evidence } from '../profile.js';
import type { Sources } from '../sources.js';
import type { FileEntry } from '../files.js';

const TEMPLATE_EXT = /\.(heex|eex|leex|sface)$/;
const CALLS: ReadonlySet<string> = new Set(['call']);

export interface TemplateFacts {
  liveRender: Evidence[];
  metaCsp: CspSource[];
}

/**
 * The Elixir code of an EEx template, with every non-code character blanked (newlines kept), so
 * lines in the parsed code are lines in the template.
 */
export function eexCode(text: string, opts: { curly?: boolean } = {}): string {
  let out = '';
  let i = 0;
  const markup = opts.curly ? curlyCode : blank;
  while (i < text.length) {
    const open = text.indexOf('<%', i);
    if (open < 0) {
      out += markup(text.slice(i));
      break;
    }
    out += markup(text.slice(i, open));
    const close = text.indexOf('%>', open + 2);
    const end = close < 0 ? text.length : close;
    let body = text.slice(open + 2, end);
    const marker = body[0];
    // <%# comment %>, <%% literal: no code.
    if (marker === '#' || marker === '%') body = blank(body);
    else if (marker === '=') body = ` ${body.slice(1)}`;
    // `<%` and `%>` become two characters each (`%>` a `;`): columns and lines stay where they were.
    out += `  ${body}${close < 0 ? '' : '; '}`;
    i = close < 0 ? text.length : close + 2;
  }
  return out;
}

function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/**
 * HEEx markup with its `{expr}` interpolations (in text and as attribute values, Phoenix 1.7.15+)
 * kept as code and everything else blanked; `<script>` and `<style>` bodies are not interpolated.
 */
function curlyCode(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const raw = /<(script|style)\b/i.exec(s.slice(i));
    const rawAt = raw ? i + raw.index : -1;
    const brace = s.indexOf('{', i);
    if (brace < 0 || (rawAt >= 0 && rawAt < brace)) {
      if (rawAt < 0) {
        out += blank(s.slice(i));
        break;
      }
      const close = s.toLowerCase().indexOf(`</${raw![1]!.toLowerCase()}`, rawAt);
      const end = close < 0 ? s.length : close;
      out += blank(s.slice(i, end));
      i = end;
      if (close < 0) break;
      out += blank(s.slice(i, i + 2));
      i += 2;
      continue;
    }
    out += blank(s.slice(i, brace));
    let depth = 0;
    let k = brace;
    let quote: string | null = null;
    for (; k < s.length; k++) {
      const c = s[k]!;
      if (quote) {
        if (c === '\\') k++;
        else if (c === quote) quote = null;
      } else if (c === '"') quote = c;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    // `{expr}` → ` expr;` (the braces keep their columns).
    out += ` ${s.slice(brace + 1, k)}${k < s.length ? ';' : ''}`;
    i = k + 1;
  }
  return out;
}

/** `<meta …>` tags: their attributes (names lowercased) and line. */
export function metaTags(text: string): { attrs: Record<string, string | null>; line: number }[] {
  const out: { attrs: Record<string, string | null>; line: number }[] = [];
  const lower = text.toLowerCase();
  for (let i = lower.indexOf('<meta'); i !== -1; i = lower.indexOf('<meta', i + 5)) {
    const attrs: Record<string, string | null> = {};
    let j = i + 5;
    for (;;) {
      while (j < text.length && /\s/.test(text.charAt(j))) j++;
      if (j >= text.length || text[j] === '>' || text.startsWith('/>', j)) break;
      const nameMatch = /^[^\s=>/]+/.exec(text.slice(j, j + 200));
      if (!nameMatch) break;
      const name = nameMatch[0].toLowerCase();
      j += nameMatch[0].length;
      while (j < text.length && /\s/.test(text.charAt(j))) j++;
      if (text[j] !== '=') {
        attrs[name] = '';
        continue;
      }
      j++;
      while (j < text.length && /\s/.test(text.charAt(j))) j++;
      const q = text[j];
      if (q === '"' || q === "'") {
        const end = text.indexOf(q, j + 1);
        attrs[name] = text.slice(j + 1, end < 0 ? text.length : end);
        j = end < 0 ? text.length : end + 1;
      } else if (q === '{') {
        // A HEEx expression: its value is only known at render time.
        let depth = 0;
        let k = j;
        for (; k < text.length; k++) {
          if (text[k] === '{') depth++;
          else if (text[k] === '}' && --depth === 0) break;
        }
        attrs[name] = null;
        j = k + 1;
      } else {
        const v = /^[^\s>]+/.exec(text.slice(j))?.[0] ?? '';
        attrs[name] = v;
        j += v.length;
      }
    }
    out.push({ attrs, line: text.slice(0, i).split('\n').length });
  }
  return out;
}

function isLayout(rel: string): boolean {
  return /(^|\/)layouts?\//.test(rel) || /(^|\/)(root|app)\.html\.[a-z]+$/.test(rel) || /layouts?\.ex$/.test(rel);
}

export function readTemplates(src: Sources, appRoots: readonly string[], opts: { liveRender: boolean }): TemplateFacts {
  const out: TemplateFacts = { liveRender: [], metaCsp: [] };
  const inApp = (f: FileEntry) => appRoots.some((r) => f.rel.startsWith(`${r}lib/`));
  for (const f of src.files) {
    const template = TEMPLATE_EXT.test(f.rel);
    if (!inApp(f) || !(template || (f.rel.endsWith('.ex') && isLayout(f.rel)))) continue;
    const text = src.text(f);
    if (text === null) continue;
    if (isLayout(f.rel) && /http-equiv/i.test(text)) {
      for (const m of metaTags(text)) {
        if ((m.attrs['http-equiv'] ?? '').toLowerCase() !== 'content-security-policy') continue;
        const content = m.attrs['content'];
        out.metaCsp.push({ kind: 'meta', name: f.rel, evidence: { file: f.rel, line: m.line }, policy: content === undefined ? null : content === null ? null : content.replace(/\s+/g, ' ').trim() });
      }
    }
    // Only when nothing else says the app serves LiveViews: EEx code costs a parse per template.
    if (opts.liveRender && template && text.includes('live_render')) {
      const root = src.parseCode(f.rel, eexCode(text, { curly: f.rel.endsWith('.heex') }));
      if (!root) continue;
      walk(
        root,
        (n) => {
          const name = callName(n);
          if (name === 'live_render' || name === 'Phoenix.LiveView.Helpers.live_render') out.liveRender.push({ file: f.rel, line: lineOf(n) });
        },
        CALLS,
      );
    }
  }
  return out;
}
