/**
 * HCL (Terraform) string literals. A quoted HCL string is a template: besides the JSON-like escapes
 * (`\"`, `\\`, `\n`, `\r`, `\t`, `\uNNNN`), `${` starts an interpolation and `%{` a directive, so a
 * literal one is written `$${` / `%%{`. `JSON.stringify` gets the first part right and the second wrong
 * (and writes `\b` / `\f`, which HCL does not know), so a value such as `a${b}` would be evaluated by
 * Terraform instead of kept.
 */

/** `value` as a quoted HCL string whose evaluated value is exactly `value`. */
export function hclString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    const code = value.charCodeAt(i);
    const next = value.charAt(i + 1);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if ((ch === '$' || ch === '%') && next === '{') out += ch + ch;
    else out += ch;
  }
  return `${out}"`;
}
