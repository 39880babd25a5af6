/**
 * A Dockerfile reader that follows the Dockerfile reference's grammar in one pass over the lines:
 * parser directives at the top (`# escape=`` ` ``, `# syntax=`), comment lines (also inside a
 * continuation, where Docker drops them), line continuations (the escape character at the end of a
 * line, blanks after it allowed), empty continuation lines, and BuildKit heredocs (`RUN <<EOF`,
 * `<<-EOT`, quoted delimiters) whose bodies belong to their instruction.
 *
 * It replaced dockerfile-ast in the scan: that parser tokenizes every instruction several times over
 * (~30 lines/ms), the slowest step of scanning an app with a few large Dockerfiles. The tests check
 * that both read the same instructions from every Dockerfile of the fixtures.
 */
import type { DockerfileInfo, DockerInstruction, DockerStage, Suppression } from '../profile.js';

const SUPPRESS = /^\s*#\s*phoenix-ops:ignore\s+([a-z0-9-]+)\s*(.*)$/;
const DIRECTIVE = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/;
/** Instructions whose leading `--name[=value]` words are flags (`COPY --from=builder …`). */
const FLAGGED = new Set(['ADD', 'COPY', 'FROM', 'RUN', 'HEALTHCHECK']);
/** `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` in RUN/COPY/ADD (BuildKit). */
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

interface RawInstruction {
  keyword: string;
  /** Argument words: continuations joined, comment lines dropped. */
  words: string[];
  /** Heredoc bodies, line by line. */
  heredocs: string[][];
  line: number;
}

/** Splits a Dockerfile into instructions (and collects its suppression comments). */
export function readInstructions(text: string, onComment: (line: number, text: string) => void = () => undefined): RawInstruction[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  let directives = true;
  const out: RawInstruction[] = [];
  let i = 0;
  /** Line `k` (always within the text where it is read). */
  const at = (k: number): string => lines[k] ?? '';
  const endsContinued = (l: string) => {
    const t = l.replace(/[ \t]+$/, '');
    return t.endsWith(escape) ? t.slice(0, -escape.length) : null;
  };
  while (i < lines.length) {
    const line = at(i);
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      const d = directives ? DIRECTIVE.exec(line) : null;
      if (d) {
        const [, name = '', value] = d;
        if (name.toLowerCase() === 'escape' && (value === '`' || value === '\\')) escape = value;
      } else {
        directives = false;
        onComment(i + 1, line);
      }
      i++;
      continue;
    }
    directives = false;
    if (trimmed === '') {
      i++;
      continue;
    }
    const start = i;
    const parts: string[] = [];
    let cur = line;
    for (;;) {
      const cont = endsContinued(cur);
      if (cont === null) {
        parts.push(cur);
        i++;
        break;
      }
      parts.push(cont);
      i++;
      // Comment lines and empty lines inside a continuation are skipped.
      while (i < lines.length && (/^\s*#/.test(at(i)) || at(i).trim() === '')) {
        if (/^\s*#/.test(at(i))) onComment(i + 1, at(i));
        i++;
      }
      if (i >= lines.length) break;
      cur = at(i);
    }
    const joined = parts.join(' ').trim();
    const m = /^(\S+)\s*([\s\S]*)$/.exec(joined);
    if (!m) continue;
    const [, word = '', rest = ''] = m;
    const keyword = word.toUpperCase();
    const heredocs: string[][] = [];
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      for (const h of rest.matchAll(HEREDOC)) {
        const body: string[] = [];
        while (i < lines.length) {
          const l = h[1] === '-' ? at(i).replace(/^\t+/, '') : at(i);
          i++;
          if (l === h[3]) break;
          body.push(l);
        }
        heredocs.push(body);
      }
    }
    out.push({ keyword, words: rest.split(/\s+/).filter(Boolean), heredocs, line: start + 1 });
  }
  return out;
}

/** `FROM [--platform=…] image [AS name]`. */
function fromParts(words: string[]): { image: string; name: string | null } {
  const w = words.filter((x) => !x.startsWith('--'));
  const as = w.findIndex((x) => x.toLowerCase() === 'as');
  return { image: w[0] ?? '', name: as >= 0 ? (w[as + 1] ?? null) : null };
}

/** `ARG NAME=value` / `ARG NAME="a b"` / `ARG NAME` (several per line allowed): name → value (null without one). */
export function argProperties(args: string): [string, string | null][] {
  const out: [string, string | null][] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (const [, name = '', v] of args.matchAll(re)) {
    out.push([name, v === undefined ? null : v.replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1').replace(/^'(.*)'$/s, '$1')]);
  }
  return out;
}

export function extractDockerfile(file: string, text: string, suppressions: Suppression[]): DockerfileInfo {
  const stages: DockerStage[] = [];
  const instructions: DockerInstruction[] = [];
  const args: Record<string, string> = {};
  const raw = readInstructions(text, (line, comment) => {
    const m = SUPPRESS.exec(comment);
    if (m) suppressions.push({ file, line, ruleId: m[1] ?? '', reason: (m[2] ?? '').trim() });
  });
  let stage = -1;
  for (const ins of raw) {
    // Leading `--name[=value]` words of the instructions that take flags.
    const flagCount = FLAGGED.has(ins.keyword) ? ins.words.findIndex((w) => !w.startsWith('--')) : 0;
    const split = flagCount < 0 ? ins.words.length : flagCount;
    const flags = ins.words.slice(0, split);
    const words = ins.words.slice(split);
    // A heredoc body is a script: its lines become `;`-separated commands (shell comments and blank lines left out).
    const body = ins.heredocs.map((h) => h.filter((l) => l.trim() && !/^\s*#/.test(l)).map((l) => l.trim()).join(' ; ')).filter(Boolean);
    const argText = [words.join(' '), ...body].filter(Boolean).join(' ; ');
    if (ins.keyword === 'FROM') {
      stage += 1;
      const { image, name } = fromParts(ins.words);
      stages.push({ index: stage, image, name, line: ins.line });
    }
    if (ins.keyword === 'ARG' && stage < 0) {
      for (const [name, value] of argProperties(words.join(' '))) if (value !== null) args[name] = value;
    }
    instructions.push({ keyword: ins.keyword, args: argText, flags, stage: Math.max(stage, 0), line: ins.line });
  }
  return { file, stages, instructions, args };
}
