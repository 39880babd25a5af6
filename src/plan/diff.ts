/** Unified diffs in git's shape (`--- a/path`, `+++ b/path`), and their colouring for terminals. */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import pc from 'picocolors';

/**
 * Unified diff of `before` → `after` for `path` (relative, forward slashes), with 3 lines of context.
 * `null` stands for an absent file (`/dev/null`, as git prints it). Returns '' when nothing changes.
 */
export function unifiedDiff(path: string, before: string | null, after: string | null): string {
  if (before === after) return '';
  const oldName = before === null ? '/dev/null' : `a/${path}`;
  const newName = after === null ? '/dev/null' : `b/${path}`;
  return createTwoFilesPatch(oldName, newName, before ?? '', after ?? '', undefined, undefined, { headerOptions: FILE_HEADERS_ONLY, context: 3 });
}

/** Colours a unified diff: headers bold, hunks cyan, removals red, additions green. Unchanged text when `color` is false. */
export function colorizeDiff(text: string, color: boolean): string {
  if (!color || text === '') return text;
  const c = pc.createColors(true);
  return classifyDiff(text)
    .map(({ line, kind }) => {
      switch (kind) {
        case 'header':
          return c.bold(line);
        case 'hunk':
          return c.cyan(line);
        case 'add':
          return c.green(line);
        case 'remove':
          return c.red(line);
        case 'note':
          return c.dim(line);
        default:
          return line;
      }
    })
    .join('\n');
}

/** Added and removed line counts of a unified diff (headers excluded). */
export function diffStat(text: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const { kind } of classifyDiff(text)) {
    if (kind === 'add') added++;
    else if (kind === 'remove') removed++;
  }
  return { added, removed };
}

export type LineKind = 'header' | 'hunk' | 'add' | 'remove' | 'note' | 'context';

/** Tells file headers from body lines by counting each hunk's lines (a removed "-- x" prints as "--- x"). */
export function classifyDiff(text: string): { line: string; kind: LineKind }[] {
  let oldLeft = 0;
  let newLeft = 0;
  return text.split('\n').map((line) => {
    if (oldLeft > 0 || newLeft > 0) {
      if (line.startsWith('\\')) return { line, kind: 'note' };
      if (line.startsWith('+')) {
        newLeft--;
        return { line, kind: 'add' };
      }
      if (line.startsWith('-')) {
        oldLeft--;
        return { line, kind: 'remove' };
      }
      oldLeft--;
      newLeft--;
      return { line, kind: 'context' };
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (hunk) {
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      return { line, kind: 'hunk' };
    }
    if (line.startsWith('\\')) return { line, kind: 'note' };
    return { line, kind: line === '' ? 'context' : 'header' };
  });
}
