/**
 * Typed config schemas: a project module of definitions (`defconfig(:database_host, :string, default:
 * "postgres")`) read in runtime.exs through a function that takes the key (`env_var_to_config!(:database_host)`),
 * the env var being the upcased key (`key |> to_string() |> String.upcase()` somewhere in the reader's
 * namespace). A definition without `default:` read through the raising (`!`) reader is required at
 * boot; the others are optional with the definition's default.
 */
import { callArgs, callName, functionsIn, keywordPairs, modulesIn, operatorOf, type FunctionDef } from './elixir/ast.js';
import type { Node } from './elixir/parser.js';
import { newContext, toTerm, type EnvHelper, type KeyedRead } from './elixir/to-term.js';
import { aliasesIn, expandAlias } from './helpers.js';
import type { FileEntry } from './files.js';
import type { Evidence } from './profile.js';
import type { Sources } from './sources.js';

/** The project's lib/ modules (lib.ts's index, which calls this module). */
interface LibIndex {
  modules: ReadonlyMap<string, Evidence>;
  byFile: ReadonlyMap<string, { f: FileEntry; text: string }>;
}

interface Definition {
  hasDefault: boolean;
  default: KeyedRead['default'];
}

/** The key readers of module `mod` (its body given) that resolve keys through a schema module. */
export function schemaHelpers(src: Sources, lib: LibIndex, mod: string, body: Node[]): Map<string, EnvHelper> {
  const out = new Map<string, EnvHelper>();
  const aliases = aliasesIn(body);
  for (const fn of functionsIn(body)) {
    if (fn.kind !== 'def') continue;
    const schema = schemaParam(fn, aliases);
    if (!schema || out.has(fn.name)) continue;
    const defs = definitionsOf(src, lib, schema);
    if (!defs || !upcasesKeys(lib, mod)) continue;
    const raises = fn.name.endsWith('!');
    out.set(fn.name, {
      nameArg: 0,
      defaultArg: null,
      raises,
      via: `${mod}.${fn.name}`,
      keyed: (key) => {
        const d = defs.get(key);
        if (!d) return null;
        return { name: key.toUpperCase(), default: d.default, required: raises && !d.hasDefault };
      },
    });
  }
  return out;
}

/**
 * `def fetch!(module \\ Definitions, key, env \\ System.get_env())`: one required parameter (the key)
 * and a defaulted parameter naming a project module (the schema).
 */
function schemaParam(fn: FunctionDef, aliases: Map<string, string>): string | null {
  let schema: string | null = null;
  let required = 0;
  for (const p of fn.params) {
    if (p.type === 'binary_operator' && operatorOf(p) === '\\\\') {
      const right = p.childForFieldName('right');
      if (right?.type === 'alias' && !schema) schema = expandAlias(right.text, aliases);
    } else required++;
  }
  return required === 1 ? schema : null;
}

/**
 * The definitions of a schema module: the calls of one local macro with a key atom first and a type
 * second (`defconfig(:key, :integer, default: 5)`), at least two of them. Null when it has none.
 */
function definitionsOf(src: Sources, lib: LibIndex, schema: string): Map<string, Definition> | null {
  const ev = lib.modules.get(schema);
  const file = ev ? lib.byFile.get(ev.file) : undefined;
  const parsed = file ? src.parse(file.f) : null;
  const m = parsed ? modulesIn(parsed.root).find((x) => x.name === schema) : undefined;
  if (!m) return null;
  const byMacro = new Map<string, Map<string, Definition>>();
  const ctx = newContext();
  for (const n of m.body) {
    const name = n.type === 'call' ? callName(n) : null;
    const [key, type, opts] = name ? callArgs(n) : [];
    if (!name || key?.type !== 'atom' || !type) continue;
    const pairs = keywordPairs(opts);
    const def = pairs.find((p) => p.key === 'default');
    const defs = byMacro.get(name) ?? new Map<string, Definition>();
    byMacro.set(name, defs);
    const value = def ? toTerm(def.value, ctx) : null;
    defs.set(key.text.slice(1), { hasDefault: def !== undefined, default: value?.t === 'nil' ? null : value });
  }
  const best = [...byMacro.values()].sort((a, b) => b.size - a.size)[0];
  return best && best.size >= 2 ? best : null;
}

/** Whether the reader's module (or one under its namespace) turns the key into the variable by upcasing it. */
function upcasesKeys(lib: LibIndex, mod: string): boolean {
  for (const [name, ev] of lib.modules) {
    if (name !== mod && !name.startsWith(`${mod}.`)) continue;
    if (lib.byFile.get(ev.file)?.text.includes('String.upcase')) return true;
  }
  return false;
}
