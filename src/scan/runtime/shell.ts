/**
 * What a launch command runs, read from shell text (a Dockerfile CMD, a Procfile line, an entrypoint
 * script, a Fly command): the simple commands of the text (split on `&&`, `||`, `;`, `|` and newlines
 * outside quotes, `sh -c "…"` opened up), then whether one of them starts the app under Mix
 * (`mix phx.server`, `elixir -S mix …`, a mix alias that runs `phx.server`) or as a release
 * (`bin/<name> start`, the `bin/server` overlay, `mix release`).
 */

/** Simple commands of a shell text, outside quotes; comments, `echo` and `printf` lines dropped. */
export function shellCommands(text: string, depth = 0): string[] {
  const out: string[] = [];
  for (const seg of splitSegments(text)) {
    if (seg.startsWith('#') || /^(echo|printf)\b/.test(seg)) continue;
    const wrapped = /^(?:exec\s+)?(?:\/usr)?(?:\/bin\/)?(?:ba|da)?sh\s+(?:-\w+\s+)*-c\s+(["'])([\s\S]*)\1$/.exec(seg);
    if (wrapped && depth < 3) out.push(...shellCommands(wrapped[2]!, depth + 1));
    else out.push(seg);
  }
  return out;
}

function splitSegments(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) {
        cur += c + text[++i]!;
        continue;
      }
      cur += c;
      continue;
    }
    if (c === '#' && (cur === '' || /\s$/.test(cur))) {
      // A comment runs to the end of the line.
      while (i < text.length && text[i] !== '\n') i++;
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    if (c === ';' || c === '\n' || c === '|' || (c === '&' && text[i + 1] === '&')) {
      if (c === '&' || (c === '|' && text[i + 1] === '|')) i++;
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i++;
      cur += ' ';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The words of a simple command without leading `VAR=value` assignments and `exec`/`env`/`time`/tool wrappers. */
export function commandWords(cmd: string): string[] {
  const words = cmd.match(/"[^"]*"|'[^']*'|\S+/g)?.map((w) => w.replace(/^["']|["']$/g, '')) ?? [];
  while (words.length) {
    const w = words[0]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || ['exec', 'env', 'time', 'nohup', 'gosu', 'su-exec', 'tini', 'dumb-init', '--'].includes(w) || (w.startsWith('-') && words.length > 1)) {
      words.shift();
      continue;
    }
    // `op run --env-file=x --no-masking -- mix phx.server`, `doppler run -- …`: the command after `--`.
    const dash = words.indexOf('--');
    if (dash > 0 && dash < words.length - 1 && ['op', 'doppler', 'chamber', 'envconsul', 'aws-vault', 'dotenv'].includes(w)) {
      words.splice(0, dash + 1);
      continue;
    }
    break;
  }
  return words;
}

export type LaunchKind = 'mix' | 'release';

/**
 * How one shell text starts the app: `mix` when a command runs the server under Mix (`mix phx.server`,
 * `mix run --no-halt`, `elixir -S mix …`, `iex -S mix phx.server`, or a mix alias whose tasks include
 * `phx.server`), `release` when it starts or builds a release, null when it does neither.
 */
export function launchKind(text: string, aliases: Readonly<Record<string, string[]>> = {}): { kind: LaunchKind; command: string } | null {
  for (const cmd of shellCommands(text)) {
    const words = commandWords(cmd);
    const kind = wordsKind(words, aliases);
    if (kind) return { kind, command: cmd };
  }
  return null;
}

function wordsKind(words: string[], aliases: Readonly<Record<string, string[]>>): LaunchKind | null {
  const [prog, ...rest] = words;
  if (!prog) return null;
  const base = prog.split('/').pop()!;
  if (base === 'mix') return mixTasksKind(rest, aliases);
  if ((base === 'elixir' || base === 'iex') && rest.includes('-S') && rest[rest.indexOf('-S') + 1] === 'mix') {
    return mixTasksKind(rest.slice(rest.indexOf('-S') + 2), aliases) ?? 'mix';
  }
  // `bin/my_app start`, `/app/bin/server` (the phx.gen.release overlay), `_build/prod/rel/app/bin/app foreground`.
  if (/(^|\/)bin\/[\w.-]+$/.test(prog) && (base === 'server' || /^(start|start_iex|foreground|daemon|console|eval)$/.test(rest[0] ?? ''))) return 'release';
  return null;
}

function mixTasksKind(args: string[], aliases: Readonly<Record<string, string[]>>): LaunchKind | null {
  const steps = args[0] === 'do' ? args.slice(1).join(' ').split(/\s*(?:,|\s\+\s)\s*/) : [args.join(' ')];
  for (const step of steps) {
    const words = step.trim().split(/\s+/).filter((w) => w && !/^-/.test(w) || w === '--no-halt');
    if (words[0] === 'release') return 'release';
    if (startsServer(words, aliases, 0)) return 'mix';
  }
  return null;
}

/** `phx.server`, `run --no-halt`, or an alias that runs one of them. */
function startsServer(words: string[], aliases: Readonly<Record<string, string[]>>, depth: number): boolean {
  const [task] = words;
  if (task === 'phx.server' || (task === 'run' && words.includes('--no-halt'))) return true;
  const steps = task ? aliases[task] : undefined;
  if (!steps || depth > 3) return false;
  return steps.some((s) => startsServer(s.trim().split(/\s+/), aliases, depth + 1));
}
