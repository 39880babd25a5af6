/** `# phoenix-ops:ignore <rule-id> <reason>` comments in Elixir sources (they cover their line and the next). */
import { walk } from './ast.js';
import type { Node } from './parser.js';
import type { Suppression } from '../profile.js';

const SUPPRESS_RE = /^#\s*phoenix-ops:ignore\s+([a-z0-9-]+)\s*(.*)$/;
const COMMENTS: ReadonlySet<string> = new Set(['comment']);

export function collectSuppressions(root: Node, file: string, text: string, out: Suppression[]): void {
  if (!text.includes('phoenix-ops:ignore')) return;
  walk(
    root,
    (n) => {
      const m = SUPPRESS_RE.exec(n.text.trim());
      if (m) out.push({ file, line: n.startPosition.row + 1, ruleId: m[1] ?? '', reason: (m[2] ?? '').trim() });
    },
    COMMENTS,
  );
}
