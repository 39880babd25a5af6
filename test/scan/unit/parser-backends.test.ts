/**
 * The two tree-sitter backends of src/scan/elixir/parser.ts: `PHOENIX_OPS_PARSER=wasm` forces the
 * WebAssembly build (the fallback on platforms without the native addon), `=native` the addon. Each
 * is loaded from a fresh copy of the module (the backend is cached per module instance) and must
 * read a Phoenix config file exactly as the other does.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const RUNTIME_EXS = [
  'import Config',
  '',
  'if config_env() == :prod do',
  '  # the database',
  '  database_url = System.get_env("DATABASE_URL") || raise "DATABASE_URL is missing"',
  '  config :my_app, MyApp.Repo, url: database_url, pool_size: 10',
  'end',
  '',
].join('\n');

type ParserModule = typeof import('../../../src/scan/elixir/parser.js');

async function freshParser(want: string): Promise<ParserModule> {
  vi.stubEnv('PHOENIX_OPS_PARSER', want);
  vi.resetModules();
  return import('../../../src/scan/elixir/parser.js');
}

/** The named nodes of a tree as `type@line`, in order: what the extractors see. */
function outline(mod: ParserModule, text: string, backend: Awaited<ReturnType<ParserModule['elixirParser']>>): { nodes: string[]; errorLine: number | null } {
  const parsed = mod.parseWith(backend, text);
  try {
    const nodes: string[] = [];
    const visit = (n: ReturnType<ParserModule['kids']>[number]) => {
      nodes.push(`${n.type}@${mod.lineOf(n)}`);
      mod.kids(n).forEach(visit);
    };
    mod.kids(parsed.root).forEach(visit);
    return { nodes, errorLine: parsed.errorLine };
  } finally {
    parsed.tree.delete?.();
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('parser backends', () => {
  it('PHOENIX_OPS_PARSER=wasm and =native load the backend named, and both read a file the same way', async () => {
    const wasmMod = await freshParser('wasm');
    const wasm = await wasmMod.elixirParser();
    expect(wasm.name).toBe('wasm');
    const nativeMod = await freshParser('native');
    const native = await nativeMod.elixirParser();
    expect(native.name).toBe('native');

    const a = outline(wasmMod, RUNTIME_EXS, wasm);
    const b = outline(nativeMod, RUNTIME_EXS, native);
    expect(a.errorLine).toBeNull();
    expect(a).toEqual(b);
    expect(a.nodes.slice(0, 3)).toEqual(['call@1', 'identifier@1', 'arguments@1']);
  });

  it('the wasm backend reports the first syntax error line as the native one does', async () => {
    const wasmMod = await freshParser('wasm');
    const broken = 'import Config\nconfig :my_app, a: 1\nconfig :my_app, b: )\n';
    expect(outline(wasmMod, broken, await wasmMod.elixirParser()).errorLine).toBe(3);
  });
});
