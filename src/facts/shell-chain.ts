/**
 * The commands of a RUN line as a chain: split at `&&`, `;` and newlines outside quotes and outside
 * command substitutions (`$(case … in a) … ;; esac)` stays one piece), pipelines kept whole
 * (`curl … | sh` is one step). Used to carry single install steps of a Dockerfile over to another one;
 * facts/dockerfile.ts `shellSegments` splits finer, into simple commands, for pattern reading.
 *
 * Kept by hand rather than through a package: `shell-quote` and `shlex` turn a line into words and
 * lose the text between them, while a step carried to another Dockerfile must keep its own bytes
 * (quotes, `$VAR`, continuation lines) exactly. The full shell parsers on npm are either unmaintained
 * (`bash-parser`) or a large transpiled build (`mvdan-sh`), too much for splitting one RUN line at
 * its separators, which is all this does.
 */

interface Scan {
  quote: string | null;
  /** Open `$(` substitutions; each entry counts the `case` blocks open inside it. */
  subs: number[];
}

/** Advances past one character of `text` at `i`, tracking quotes and substitutions; returns the next index. */
function step(text: string, i: number, s: Scan): number {
  const c = text.charAt(i);
  if (s.quote) {
    if (c === '\\' && s.quote === '"') return i + 2;
    if (c === s.quote) s.quote = null;
    return i + 1;
  }
  if (c === '\\') return i + 2;
  if (c === '"' || c === "'") {
    s.quote = c;
    return i + 1;
  }
  if (c === '$' && text.charAt(i + 1) === '(') {
    s.subs.push(0);
    return i + 2;
  }
  const depth = s.subs.length;
  if (depth > 0) {
    const word = /^[a-z]+/.exec(text.slice(i))?.[0];
    const boundary = i === 0 || /[\s;(|&]/.test(text.charAt(i - 1));
    if (word && boundary) {
      if (word === 'case') s.subs[depth - 1] = (s.subs[depth - 1] ?? 0) + 1;
      if (word === 'esac') s.subs[depth - 1] = Math.max(0, (s.subs[depth - 1] ?? 0) - 1);
      return i + word.length;
    }
    if (c === ')' && (s.subs[depth - 1] ?? 0) === 0) s.subs.pop();
  }
  return i + 1;
}

/** Top-level commands of a shell line, in order, trimmed. */
export function shellChain(text: string): string[] {
  const out: string[] = [];
  const s: Scan = { quote: null, subs: [] };
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    const top = s.quote === null && s.subs.length === 0;
    const sep = top && (c === ';' || c === '\n' || (c === '&' && text.charAt(i + 1) === '&')) ? (c === '&' ? 2 : 1) : 0;
    if (sep > 0) {
      const piece = text.slice(start, i).trim();
      if (piece) out.push(piece);
      i += sep;
      start = i;
      continue;
    }
    i = step(text, i, s);
  }
  const last = text.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/** The words of a command, split on blanks outside quotes (quotes kept as written). */
export function chainWords(command: string): string[] {
  const words: string[] = [];
  const s: Scan = { quote: null, subs: [] };
  let start = 0;
  let i = 0;
  while (i < command.length) {
    if (s.quote === null && s.subs.length === 0 && /\s/.test(command.charAt(i))) {
      if (i > start) words.push(command.slice(start, i));
      start = i + 1;
      i += 1;
      continue;
    }
    i = step(command, i, s);
  }
  if (start < command.length) words.push(command.slice(start));
  return words;
}
