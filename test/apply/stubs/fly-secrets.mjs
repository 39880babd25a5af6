/**
 * flyctl's parser of `fly secrets import` input, rule for rule (superfly/flyctl internal/command/secrets/parser.go:15-78
 * @ ad0172fa): lines split like bufio.Scanner (a trailing \r dropped); blank lines and lines starting with `#` skipped;
 * the key trimmed, the value's leading spaces trimmed (:35-36); a value holding `#` with an even number of `"` before
 * its first `#` cut there and its trailing spaces trimmed (:37-40); `"""` opens a multi-line value up to a line ending in `"""`
 * (:42-51,62-72); a value wrapped in matching `"` or `'` loses them, with no escapes (:53-59). A comment is a line
 * whose first byte is `#` (:27, no trimming). A line longer than bufio.MaxScanTokenSize (64 KiB) stops the scanner
 * and, as parseSecrets never checks scanner.Err(), silently ends the input there (Go bufio/scan.go, ErrTooLong).
 */
/** Imports nothing (the stub library needs STUB_DIR at load), so tests can run the parser itself; throws a plain Error. */
export function parseSecrets(text) {
  const out = {};
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (Buffer.byteLength(line) > 64 * 1024) break;
    if (!line.trim() || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`Error: Failed to parse secrets from stdin: Secrets must be provided as NAME=VALUE pairs (${line.slice(0, 20)} is invalid)`);
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).replace(/^ +/, '');
    const hash = value.indexOf('#');
    if (hash >= 0 && (value.slice(0, hash).split('"').length - 1) % 2 === 0) value = value.slice(0, hash).replace(/ +$/, '');
    if (value.startsWith('"""')) {
      const parts = [value.slice(3)];
      while (!parts.at(-1).endsWith('"""') && i + 1 < lines.length && Buffer.byteLength(lines[i + 1]) <= 64 * 1024) parts.push(lines[++i]);
      // A value still open at the end of the input is never stored (:62-72 store it only at its closing line).
      if (!parts.at(-1).endsWith('"""')) break;
      value = parts.join('\n').replace(/"""$/, '');
    } else if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
      value = value.slice(1, -1);
    }
    out[key] = value;
  }
  return out;
}
