/**
 * Validators for generated files that run the REAL tools and throw with the tool's output on failure:
 *
 * - `validateElixir(code, name)`: `Code.string_to_quoted!` (syntax) and `mix format --check-formatted`
 *   (formatting), through temp files. Calls made in the same tick are batched into one `elixir` and one
 *   `mix format` process (BEAM start is ~0.3 s): `await Promise.all(files.map((f) => validateElixir(f.content, f.path)))`
 *   costs two process starts however many files there are. `validateElixirFiles` does the same for an array.
 * - `validateShell(script, name)`: `shellcheck` as sh or bash per the shebang (sh when none), every
 *   severity down to `style` must pass; CRLF line endings are refused too.
 * - `validateToml(text)`: smol-toml parse (duplicate keys are errors in TOML), returns the parsed table.
 * - `validateYaml(text)`: yaml parse of every document with `uniqueKeys` and `strict`, errors and warnings
 *   both fail; returns the documents' values.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], opts: { cwd?: string; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { cwd: opts.cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && typeof (err as NodeJS.ErrnoException).code === 'string') {
        reject(new Error(`${cmd} could not be started: ${err.message}`));
        return;
      }
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

// ------------------------------------------------------------------------------------------------
// Elixir
// ------------------------------------------------------------------------------------------------

export interface ElixirSource {
  /** Shown in errors (e.g. "lib/hello/release.ex"). The extension (.ex / .exs) is kept for the temp file. */
  name: string;
  code: string;
  /** Contents of the `.formatter.exs` to check against (default: plain `[inputs: ["*.{ex,exs}"]]`). */
  formatter?: string;
}

export interface ElixirOptions {
  /** A `.formatter.exs` (e.g. PHOENIX_FORMATTER for routers, whose `get`/`plug` calls have no parens). */
  formatter?: string;
}

/** Router, endpoint, controller and LiveView calls written without parens (Phoenix's exported formatter config). */
export const PHOENIX_LOCALS_WITHOUT_PARENS = [
  'intercept: 1', 'connect: 3', 'connect: 4', 'delete: 3', 'delete: 4', 'forward: 2', 'forward: 3', 'forward: 4',
  'get: 3', 'get: 4', 'head: 3', 'head: 4', 'match: 4', 'match: 5', 'options: 3', 'options: 4', 'patch: 3', 'patch: 4',
  'pipeline: 2', 'pipe_through: 1', 'post: 3', 'post: 4', 'put: 3', 'put: 4', 'resources: 2', 'resources: 3',
  'resources: 4', 'trace: 4', 'action_fallback: 1', 'plug: 1', 'plug: 2', 'socket: 2', 'socket: 3', 'channel: 2',
  'channel: 3', 'attr: 2', 'attr: 3', 'live: 2', 'live: 3', 'live: 4', 'live_dashboard: 1', 'live_dashboard: 2',
  'on_mount: 1', 'live_session: 1', 'live_session: 2', 'live_session: 3', 'slot: 1', 'slot: 2', 'slot: 3',
  'embed_templates: 1', 'embed_templates: 2',
];

/** A `.formatter.exs` like a Phoenix app's (`import_deps: [:phoenix]` and friends), without needing deps. */
export const PHOENIX_FORMATTER = `[\n  inputs: ["*.{ex,exs}"],\n  locals_without_parens: [${PHOENIX_LOCALS_WITHOUT_PARENS.join(', ')}]\n]\n`;

const PLAIN_FORMATTER = '[inputs: ["*.{ex,exs}"]]\n';

/**
 * Syntax check for each file listed (one per line) in argv[0]: prints `OK\t<file>` or
 * `ERR\t<file>\t<base64 message>`. Also prints `FMT\t<file>\t<base64 formatted>` when the formatter
 * would change the file, so a failure can show what `mix format` wants (mix format stays the judge).
 */
const SYNTAX_SCRIPT = `
[list] = System.argv()

for f <- String.split(File.read!(list), "\\n", trim: true) do
  code = File.read!(f)

  try do
    Code.string_to_quoted!(code, file: f)
    IO.puts("OK\\t" <> f)

    {fmt, _} = Code.eval_file(Path.join(Path.dirname(f), ".formatter.exs"))
    fmt_opts = Keyword.take(fmt, [:locals_without_parens, :line_length]) ++ [file: f]
    formatted = IO.iodata_to_binary([Code.format_string!(code, fmt_opts), ?\\n])

    if formatted != code do
      IO.puts("FMT\\t" <> f <> "\\t" <> Base.encode64(formatted))
    end
  rescue
    e -> IO.puts("ERR\\t" <> f <> "\\t" <> Base.encode64(Exception.message(e)))
  end
end
`;

interface Pending {
  source: ElixirSource;
  resolve: () => void;
  reject: (e: Error) => void;
}

let queue: Pending[] = [];
let scheduled = false;

/** Syntax + `mix format --check-formatted`; batched with every other call made in the same tick. */
export function validateElixir(code: string, name: string, opts: ElixirOptions = {}): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    queue.push({ source: { name, code, formatter: opts.formatter }, resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        const batch = queue;
        queue = [];
        checkElixirBatch(batch.map((p) => p.source)).then(
          (errors) => {
            batch.forEach((p, i) => (errors[i] ? p.reject(new Error(errors[i]!)) : p.resolve()));
          },
          (e: unknown) => batch.forEach((p) => p.reject(e instanceof Error ? e : new Error(String(e)))),
        );
      });
    }
  });
}

/** Validates many files with one `elixir` and one `mix format` process; throws one error listing every failure. */
export async function validateElixirFiles(sources: ElixirSource[]): Promise<void> {
  if (sources.length === 0) return;
  const errors = await checkElixirBatch(sources);
  const failed = errors.filter((e): e is string => e !== null);
  if (failed.length > 0) throw new Error(failed.join('\n\n'));
}

/** Returns, per source, null when valid or the error text. */
async function checkElixirBatch(sources: ElixirSource[]): Promise<(string | null)[]> {
  const dir = await mkdtemp(join(tmpdir(), 'phoenix-ops-ex-'));
  try {
    // One subfolder per formatter config; the syntax check reads every file through files.txt.
    const groups = [...new Set(sources.map((s) => s.formatter ?? PLAIN_FORMATTER))];
    const files = sources.map((s, i) => `g${groups.indexOf(s.formatter ?? PLAIN_FORMATTER)}/f${String(i).padStart(4, '0')}${s.name.endsWith('.exs') ? '.exs' : '.ex'}`);
    await Promise.all(groups.map((g, gi) => mkdir(join(dir, `g${gi}`)).then(() => writeFile(join(dir, `g${gi}`, '.formatter.exs'), g))));
    await Promise.all(files.map((f, i) => writeFile(join(dir, f), sources[i]!.code)));
    await writeFile(join(dir, 'check.exs.script'), SYNTAX_SCRIPT);
    await writeFile(join(dir, 'files.txt'), files.join('\n') + '\n');

    const syntax = await run('elixir', ['check.exs.script', 'files.txt'], { cwd: dir });
    const errors: (string | null)[] = sources.map(() => null);
    const index = new Map(files.map((f, i) => [f, i]));
    const seen = new Set<number>();
    const wanted = new Map<number, string>();
    for (const line of syntax.stdout.split('\n')) {
      const [tag, file, payload] = line.split('\t');
      const i = index.get(file ?? '');
      if (i === undefined) continue;
      seen.add(i);
      if (tag === 'ERR') errors[i] = `${sources[i]!.name}: does not parse (Code.string_to_quoted!):\n${decode(payload).replaceAll(file!, sources[i]!.name)}`;
      if (tag === 'FMT') wanted.set(i, decode(payload));
    }
    if (syntax.code !== 0 || seen.size !== sources.length) {
      throw new Error(`elixir syntax check crashed (exit ${syntax.code}):\n${syntax.stderr}${syntax.stdout}`);
    }

    // mix format stops at the first file that does not parse: give it only the ones that do.
    await Promise.all(
      groups.map(async (_, gi) => {
        const inGroup = files.filter((f, i) => errors[i] === null && f.startsWith(`g${gi}/`)).map((f) => f.slice(f.indexOf('/') + 1));
        if (inGroup.length === 0) return;
        const format = await run('mix', ['format', '--check-formatted', ...inGroup], { cwd: join(dir, `g${gi}`) });
        if (format.code === 0) return;
        const output = format.stderr + format.stdout;
        let attributed = false;
        files.forEach((full, i) => {
          if (!full.startsWith(`g${gi}/`)) return;
          const f = full.slice(full.indexOf('/') + 1);
          if (!new RegExp(`\\*\\s+(\\./)?${f.replace('.', '\\.')}\\b`).test(output)) return;
          attributed = true;
          const hint = wanted.has(i) ? `\n--- diff (generated → what mix format wants) ---\n${lineDiff(sources[i]!.code, wanted.get(i)!)}` : '';
          errors[i] = `${sources[i]!.name}: mix format --check-formatted failed:\n${output.replaceAll(f, sources[i]!.name).trim()}${hint}`;
        });
        if (!attributed) throw new Error(`mix format failed (exit ${format.code}):\n${output}`);
      }),
    );
    return errors;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function decode(b64: string | undefined): string {
  return Buffer.from(b64 ?? '', 'base64').toString('utf8');
}

/** A small line diff (`-` generated, `+` wanted) good enough to see what the formatter changes. */
function lineDiff(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push(`+${j + 1}: ${y[j++]}`);
    else out.push(`-${i + 1}: ${x[i++]}`);
  }
  return out.join('\n');
}

// ------------------------------------------------------------------------------------------------
// Shell
// ------------------------------------------------------------------------------------------------

/** shellcheck at severity `style` (the strictest); dialect from the shebang (`bash` → bash, else sh). */
export async function validateShell(script: string, name: string): Promise<void> {
  if (script.includes('\r')) throw new Error(`${name}: has CR characters (CRLF line endings break "#!/bin/sh\\r")`);
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(script);
  const interpreter = shebang ? (shebang[1]!.endsWith('/env') ? (shebang[2] ?? '') : shebang[1]!) : '/bin/sh';
  const dialect = /bash$/.test(interpreter) ? 'bash' : 'sh';
  const r = await run('shellcheck', ['--shell', dialect, '--severity', 'style', '--format', 'gcc', '-'], { input: script });
  if (r.code !== 0) {
    throw new Error(`${name}: shellcheck -s ${dialect} failed (exit ${r.code}):\n${(r.stdout + r.stderr).replaceAll('-:', `${name}:`).trim()}`);
  }
}

// ------------------------------------------------------------------------------------------------
// TOML / YAML
// ------------------------------------------------------------------------------------------------

/** Parses with smol-toml (TOML 1.0: duplicate keys and tables are errors); returns the table. */
export async function validateToml(text: string, name = 'TOML'): Promise<Record<string, unknown>> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${name}: invalid TOML: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Parses every document strictly (`uniqueKeys`, `strict`); errors or warnings fail. Returns each document's value. */
export async function validateYaml(text: string, name = 'YAML'): Promise<unknown[]> {
  const docs = parseAllDocuments(text, { uniqueKeys: true, strict: true, prettyErrors: true });
  // An empty stream (only comments) is an empty array that carries its own errors and warnings.
  const stream = docs as unknown as { errors?: { message: string }[]; warnings?: { message: string }[] };
  const problems = [...(stream.errors ?? []), ...(stream.warnings ?? []), ...docs.flatMap((d) => [...d.errors, ...d.warnings])];
  if (problems.length > 0) throw new Error(`${name}: invalid YAML:\n${problems.map((p) => p.message).join('\n')}`);
  return docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
}
