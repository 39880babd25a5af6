/**
 * Selectors into a provider CLI's JSON output, small enough to read in a step definition:
 *
 *   `Name`                                      a key
 *   `status.url`                                nested keys
 *   `[0]`                                       an array index
 *   `[name=hello-db].id`                        the first array element whose `name` is `hello-db`
 *   `bindings[role=roles/run.invoker].members[=allUsers]`   an array element equal to a value
 *
 * `select` returns undefined when any part is missing; `matches` is true for a present, non-empty value.
 */
import { isRecord } from './narrow.js';

export type Segment = { key: string } | { index: number } | { where: string | null; equals: string };

export class SelectorError extends Error {
  constructor(selector: string, reason: string) {
    super(`selector "${selector}": ${reason}`);
    this.name = 'SelectorError';
  }
}

export function parseSelector(selector: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < selector.length) {
    const ch = selector.charAt(i);
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '[') {
      const end = selector.indexOf(']', i);
      if (end < 0) throw new SelectorError(selector, 'unclosed [');
      const body = selector.slice(i + 1, end);
      i = end + 1;
      if (/^\d+$/.test(body)) {
        out.push({ index: Number(body) });
        continue;
      }
      const eq = body.indexOf('=');
      if (eq < 0) throw new SelectorError(selector, `[${body}] is neither an index nor key=value`);
      out.push({ where: eq === 0 ? null : body.slice(0, eq), equals: body.slice(eq + 1) });
      continue;
    }
    let j = i;
    while (j < selector.length && selector[j] !== '.' && selector[j] !== '[') j++;
    out.push({ key: selector.slice(i, j) });
    i = j;
  }
  if (out.length === 0) throw new SelectorError(selector, 'empty');
  return out;
}

export function select(data: unknown, selector: string): unknown {
  let cur: unknown = data;
  for (const seg of parseSelector(selector)) {
    if (cur === undefined || cur === null) return undefined;
    if ('key' in seg) {
      cur = isRecord(cur) && Object.hasOwn(cur, seg.key) ? cur[seg.key] : undefined;
    } else if ('index' in seg) {
      cur = Array.isArray(cur) ? cur[seg.index] : undefined;
    } else {
      if (!Array.isArray(cur)) return undefined;
      cur = cur.find((el) => {
        const v = seg.where === null ? el : isRecord(el) ? el[seg.where] : undefined;
        return v !== undefined && v !== null && String(v) === seg.equals;
      });
    }
  }
  return cur;
}

export function matches(data: unknown, selector: string): boolean {
  const v = select(data, selector);
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/**
 * Parses a CLI's JSON output: one document, or JSON lines (docker prints one object per line), which
 * become an array. Returns undefined when the text is not JSON.
 */
export function parseJsonOutput(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    const lines = trimmed.split('\n').filter((l) => l.trim() !== '');
    try {
      return lines.map((l): unknown => JSON.parse(l));
    } catch {
      return undefined;
    }
  }
}

/**
 * Output of a CLI that prints one JSON object per line (docker compose ps --format json since v2.21.0,
 * docker/compose 1054792b; one container is one object, none is no output) or, before, one JSON array: always a list.
 */
export function parseJsonLines(text: string): unknown[] | undefined {
  if (text.trim() === '') return [];
  const data = parseJsonOutput(text);
  if (data === undefined) return undefined;
  return Array.isArray(data) ? data : [data];
}

/** Text output (only where a CLI has no JSON): the last word on the first line holding `label`. */
export function selectText(text: string, label: string): string | undefined {
  for (const line of text.split('\n')) {
    if (!line.includes(label)) continue;
    const words = line.slice(line.indexOf(label) + label.length).trim().split(/\s+/).filter((w) => !/^[|│=:]+$/.test(w));
    const last = words[words.length - 1];
    if (last) return last;
  }
  return undefined;
}
