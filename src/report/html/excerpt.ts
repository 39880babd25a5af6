/**
 * The lines around a finding's evidence, read from the scanned project for the HTML report. Every line
 * passes through the scan's redaction (scan/redact.ts), and in a finding about a committed secret every
 * quoted value is blanked as well: a report is shared, a secret value never goes in it.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { REDACTED, redactText } from '../../scan/redact.js';

export interface ExcerptLine {
  n: number;
  text: string;
  marked: boolean;
}

const MAX_FILE_BYTES = 2_000_000;
const MAX_LINE_CHARS = 240;

/** Reads files once per report; `null` for a file that is absent, too large or outside the root. */
export class SourceReader {
  private readonly cache = new Map<string, string[] | null>();
  constructor(private readonly root: string) {}

  lines(file: string): string[] | null {
    let got = this.cache.get(file);
    if (got === undefined) {
      got = this.read(file);
      this.cache.set(file, got);
    }
    return got;
  }

  private read(file: string): string[] | null {
    const path = resolve(this.root, file);
    const rel = relative(this.root, path);
    if (rel.startsWith('..') || isAbsolute(rel)) return null;
    try {
      if (statSync(path).size > MAX_FILE_BYTES) return null;
      return readFileSync(path, 'utf8').split(/\r?\n/);
    } catch {
      return null;
    }
  }
}

/** Blanks every quoted literal and sigil body: `"…"`, `'…'`, `~s(…)`. */
function blankLiterals(line: string): string {
  return line
    .replace(/"(?:[^"\\]|\\.)*"/g, `"${REDACTED}"`)
    .replace(/'(?:[^'\\]|\\.)*'/g, `'${REDACTED}'`)
    .replace(/~[a-zA-Z][(\[{<|/][^)\]}>|/]*[)\]}>|/]/g, REDACTED);
}

/** `context` lines either side of `line` (1-based), the evidence line marked; null when the file cannot be read. */
export function excerpt(reader: SourceReader, file: string, line: number, opts: { secret: boolean; context?: number }): ExcerptLine[] | null {
  const lines = reader.lines(file);
  if (!lines || line < 1 || line > lines.length) return null;
  const context = opts.context ?? 3;
  const from = Math.max(1, line - context);
  const to = Math.min(lines.length, line + context);
  const out: ExcerptLine[] = [];
  for (let n = from; n <= to; n++) {
    let text = redactText(lines[n - 1] ?? '');
    if (opts.secret) text = blankLiterals(text);
    if (text.length > MAX_LINE_CHARS) text = `${text.slice(0, MAX_LINE_CHARS)}…`;
    out.push({ n, text, marked: n === line });
  }
  return out;
}
