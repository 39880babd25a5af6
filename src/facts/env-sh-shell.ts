/**
 * How a `rel/env.sh.eex` reads as shell, line by line, without running it: which assignments read FLY_*
 * variables with no guard, and how the lines group into top-level statements (a compound `if`/`case`/
 * loop/`{ … }` block, a line continued with `\`, a quoted string or `$( … )` over several lines).
 *
 * The files are short, hand-written sourced scripts: a lexer that knows quotes, comments, `$( … )` and the
 * reserved words in command position is enough. Here-documents are not read (statements() gives up).
 */

export interface FlyRead {
  line: number;
  sets: string;
  reads: string[];
}

/**
 * Assignments that read FLY_* variables outside a block that tests a FLY_ variable first, and without
 * a fallback (`${FLY_APP_NAME:-x}`). Shell is read line by line: `if`/`case`/`[ … ] &&` guards that name
 * a FLY_ variable open a guarded region until the matching `fi`/`esac` (or the end of the line).
 */
export function unguardedFlyReads(text: string): FlyRead[] {
  const out: FlyRead[] = [];
  const blocks: boolean[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const opens = /^(if|case|while|until)\b/.exec(line);
    const flyTest = /\bFLY_[A-Z0-9_]*/.test(line.split(/\bthen\b|\bin\b|\bdo\b/)[0] ?? '');
    if (opens) {
      blocks.push(flyTest || blocks.includes(true));
      return;
    }
    if (/^(fi|esac|done)\b/.test(line)) {
      blocks.pop();
      return;
    }
    if (/^(elif)\b/.test(line)) {
      blocks[blocks.length - 1] = flyTest || blocks.slice(0, -1).includes(true);
      return;
    }
    if (/^else\b/.test(line)) {
      blocks[blocks.length - 1] = blocks.slice(0, -1).includes(true);
      return;
    }
    if (blocks.includes(true)) return;
    // `[ -n "$FLY_APP_NAME" ] && export …`: guarded on its own line.
    if (/^(\[\[?|test)\s[^&|]*FLY_/.test(line) && /&&/.test(line)) return;
    const assign = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!assign) return;
    const reads = [...assign[2]!.matchAll(/\$\{?(FLY_[A-Z0-9_]+)(:?[-=+?])?/g)].filter((m) => !m[2]).map((m) => m[1]!);
    if (reads.length) out.push({ line: i + 1, sets: assign[1]!, reads: [...new Set(reads)] });
  });
  return out;
}

/** One top-level item of the file: lines `start`..`end` (0-based, inclusive). */
export interface ShellItem {
  kind: 'blank' | 'comment' | 'code';
  start: number;
  end: number;
  /** Lines that begin inside a quoted string: their leading bytes are part of a value. */
  inString: number[];
}

/** Where the lexer is at the end of a line: the open quotes and substitutions, innermost last. */
type LexState = readonly ("'" | '"' | '`' | '$(' | '(')[];

const OPENERS = new Set(['if', 'case', 'for', 'while', 'until', 'select', '{']);
const CLOSERS = new Set(['fi', 'esac', 'done', '}']);
/** Words after which the next word is again in command position. */
const LEADERS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '{', '!', 'time']);

interface LineLex {
  state: LexState;
  /** Reserved words in command position met at the top level: +1 per opener, -1 per closer. */
  depth: number;
  /** The line holds code (not only blanks and a comment). */
  code: boolean;
  continued: boolean;
  heredoc: boolean;
}

/** Lexes one line from `start`: quotes, comments, `$( … )`, and the block words in command position. */
function lexLine(line: string, start: LexState): LineLex {
  const stack = [...start];
  const r = { depth: 0, code: false, heredoc: false };
  let word = '';
  let commandPos = stack.length === 0;
  const endWord = (sep: string) => {
    if (word && stack.length === 0 && commandPos) r.depth += OPENERS.has(word) ? 1 : CLOSERS.has(word) ? -1 : 0;
    if (word) commandPos = LEADERS.has(word) || (commandPos && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word));
    if (/[;&|()]/.test(sep)) commandPos = true;
    word = '';
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    const top = stack[stack.length - 1];
    if (top === "'") {
      if (ch === "'") stack.pop();
    } else if (ch === '\\') {
      i++;
    } else if (top === '"' || top === '`') {
      if (ch === top) stack.pop();
      else if (ch === '$' && line[i + 1] === '(') stack.push('$('), i++;
      else if (ch === '`') stack.push('`');
    } else if (ch === '#' && word === '') {
      break;
    } else if (/\s/.test(ch)) {
      endWord(ch);
      continue;
    } else {
      r.code = true;
      if (ch === "'" || ch === '"' || ch === '`') stack.push(ch);
      else if (ch === '$' && line[i + 1] === '(') stack.push('$('), i++;
      else if (ch === '(' && stack.length > 0) stack.push('(');
      else if (ch === ')' && stack.length > 0) stack.pop();
      else if (ch === '<' && line[i + 1] === '<' && line[i + 2] !== '<') r.heredoc = true;
      else if (/[;&|()]/.test(ch) && stack.length === 0) {
        endWord(ch);
        continue;
      }
    }
    word += ch;
  }
  endWord('\n');
  const continued = stack.length === 0 && /(^|[^\\])(\\\\)*\\\r?$/.test(line);
  return { state: stack, ...r, continued };
}

/** The file's top-level items, or null when it cannot be read safely (a here-document, an unclosed block). */
export function shellItems(lines: readonly string[]): ShellItem[] | null {
  const items: ShellItem[] = [];
  let state: LexState = [];
  let current: ShellItem | null = null;
  let depth = 0;
  for (const [i, line] of lines.entries()) {
    const startsInString = state.length > 0;
    const lex = lexLine(line, state);
    if (lex.heredoc) return null;
    state = lex.state;
    if (current === null) {
      if (!lex.code && !startsInString) {
        items.push({ kind: line.trim() === '' ? 'blank' : 'comment', start: i, end: i, inString: [] });
        continue;
      }
      current = { kind: 'code', start: i, end: i, inString: [] };
    }
    if (startsInString) current.inString.push(i);
    current.end = i;
    depth += lex.depth;
    if (depth < 0) return null;
    if (depth === 0 && state.length === 0 && !lex.continued) {
      items.push(current);
      current = null;
    }
  }
  return current === null ? items : null;
}

/** Names a statement assigns (`X=…`, `export X=…`, in any command position) and names it exports bare (`export X`). */
export function assignedNames(text: string): { assigns: string[]; exportsOnly: string[] | null } {
  const assigns = [...text.matchAll(/(?:^|[\s;&|({])(?:export\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1] ?? '');
  const bare = /^\s*export((?:\s+[A-Za-z_][A-Za-z0-9_]*)+)\s*;?\s*$/.exec(text);
  return { assigns: [...new Set(assigns)], exportsOnly: bare ? (bare[1] ?? '').trim().split(/\s+/) : null };
}

/** Variables a statement reads without a fallback (`$x`, `${x}`, `${x##*-}`; not `${x:-y}`), outside single quotes. */
export function readNames(text: string): string[] {
  const unquoted = text.replace(/'[^']*'/g, "''");
  const reads = [...unquoted.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(:?[-=+?])?/g)].filter((m) => !m[2]).map((m) => m[1] ?? '');
  return [...new Set(reads)];
}
