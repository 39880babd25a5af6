/**
 * A secret value written as one `NAME=VALUE` entry of `fly secrets import`'s stdin so that flyctl reads back
 * every byte, or the reason it cannot. The parser (superfly/flyctl internal/command/secrets/parser.go:15-78
 * @ ad0172fa) reads lines with bufio.Scanner (a trailing `\r` dropped; a line over 64 KiB silently ends the
 * input, as `scanner.Err()` is never checked), trims the value's leading spaces, cuts it at the first `#` when
 * the `"` before that `#` are even in number, then takes `"""…"""` on one line as is, `"""` as the start of a
 * value running up to a line that ends in `"""`, and strips one pair of matching `"` or `'`. No escapes exist.
 *
 * So: a one-line value is written `"""VALUE"""` (kept whole, spaces, quotes and `#` included), or `'VALUE'` when
 * an odd number of `"` come before its first `#` (then `"""` would be cut there and `'` is not); a multi-line
 * value is written `"""FIRST` … `LAST"""`, which keeps it unless a line ends in `"""` or `\r` (the parser ends the
 * value there or drops the `\r`) or its first line would be cut at `#`. Those, and lines over 64 KiB, are refused.
 */

/** bufio.MaxScanTokenSize: the longest line bufio.Scanner reads by default. */
const MAX_LINE = 64 * 1024;

export class UnquotableSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnquotableSecretError';
  }
}

/** The number of `"` in `s` before its first `#`, or null when it has none. */
function quotesBeforeHash(s: string): number | null {
  const hash = s.indexOf('#');
  return hash < 0 ? null : s.slice(0, hash).split('"').length - 1;
}

/** Why flyctl's parser would change this value (written as `"""value"""` over several lines), or null. */
function multiLineProblem(lines: string[]): string | null {
  const first = lines[0] ?? '';
  const q = quotesBeforeHash(first);
  if (q !== null && (3 + q) % 2 === 0) return 'its first line has a "#" after an odd number of double quotes, where flyctl cuts it';
  if (lines.slice(0, -1).some((l) => l.endsWith('"""'))) return 'a line of it ends in """, which ends a value for flyctl';
  if (lines.slice(0, -1).some((l) => l.endsWith('\r'))) return 'a line of it ends in a carriage return, which flyctl drops';
  return null;
}

/**
 * VALUE as flyctl's parser needs it written after `NAME=` to read back exactly VALUE. Throws
 * UnquotableSecretError naming `name` (never the value) when no writing keeps every byte.
 */
export function quoteFlySecret(name: string, value: string): string {
  const refuse = (why: string) => new UnquotableSecretError(`${name} cannot be passed to fly secrets import unchanged: ${why}; set it with fly secrets set in a terminal`);
  const lines = value.split('\n');
  if (lines.some((l, i) => l.length + (i === 0 ? name.length + 4 : 3) > MAX_LINE)) throw refuse('a line of it is longer than 64 KiB, where flyctl stops reading');
  if (lines.length > 1) {
    const why = multiLineProblem(lines);
    if (why) throw refuse(why);
    return `"""${value}"""`;
  }
  const q = quotesBeforeHash(value);
  if (q !== null && q % 2 === 1) {
    // `"""value"""` would have 3 + q (even) quotes before the `#` and be cut there; `'value'` has q (odd).
    return `'${value}'`;
  }
  return `"""${value}"""`;
}
