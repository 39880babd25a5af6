/**
 * The two kinds of path pattern the scan meets: `.dockerignore` lines (Docker's rules, through
 * @balena/dockerignore) and the config globs of `import_config`/`Path.wildcard` (through picomatch).
 */
import { describe, expect, it } from 'vitest';
import { dockerignoreExcludes } from '../../../src/scan/dockerignore.js';
import { matchesPathGlob, normalizePath } from '../../../src/scan/path-glob.js';

/** What `mix phx.gen.release --docker` writes. */
const PHX_GEN_RELEASE = ['.dockerignore', '.git', '.gitignore', '_build/', 'deps/', '*.ez', 'erl_crash.dump', 'node_modules', 'assets/node_modules', 'priv/static/assets/', 'priv/static/cache_manifest.json', 'test/', '.elixir_ls/', '.env*'];

describe('.dockerignore', () => {
  it('the generated file keeps build output, deps, tests and .env files out, and the sources in', () => {
    const out = (p: string) => dockerignoreExcludes(PHX_GEN_RELEASE, p);
    expect(['_build/prod/lib/app.beam', 'deps/phoenix/mix.exs', 'test/app_test.exs', '.env', '.env.prod', 'assets/node_modules/x/index.js', 'priv/static/assets/app.js'].filter(out)).toHaveLength(7);
    expect(['lib/app.ex', 'mix.exs', 'config/runtime.exs', 'assets/js/app.js', 'priv/static/robots.txt', 'lib/test/helper.ex'].filter(out)).toEqual([]);
  });

  it('patterns are anchored at the context root, not matched at any depth as in .gitignore', () => {
    expect(dockerignoreExcludes(['*.md'], 'README.md')).toBe(true);
    expect(dockerignoreExcludes(['*.md'], 'docs/guide.md')).toBe(false);
    expect(dockerignoreExcludes(['**/*.md'], 'docs/guide.md')).toBe(true);
    expect(dockerignoreExcludes(['node_modules'], 'assets/node_modules')).toBe(false);
    expect(dockerignoreExcludes(['**/node_modules'], 'assets/node_modules/x')).toBe(true);
  });

  it('an exception re-includes, the last matching line wins, and a leading / or ./ changes nothing', () => {
    expect(dockerignoreExcludes(['*', '!lib', '!mix.exs'], 'lib/app.ex')).toBe(false);
    expect(dockerignoreExcludes(['*', '!lib', '!mix.exs'], 'deps/x')).toBe(true);
    expect(dockerignoreExcludes(['!lib', '*'], 'lib/app.ex')).toBe(true);
    expect(dockerignoreExcludes(['/_build/'], '_build/dev')).toBe(true);
    expect(dockerignoreExcludes(['./deps'], 'deps/x')).toBe(true);
  });

  it('`?` and character classes match one character within a segment; matching is case-sensitive', () => {
    expect(dockerignoreExcludes(['tm?'], 'tmp')).toBe(true);
    expect(dockerignoreExcludes(['tm?'], 'tm/p')).toBe(false);
    expect(dockerignoreExcludes(['[a-c]ache'], 'cache')).toBe(true);
    expect(dockerignoreExcludes(['[^c]ache'], 'cache')).toBe(false);
    expect(dockerignoreExcludes(['Deps'], 'deps')).toBe(false);
  });
});

describe('config path globs', () => {
  it('normalizePath resolves . and .. against the root', () => {
    expect(normalizePath('config/../apps/web/./config/config.exs')).toBe('apps/web/config/config.exs');
    expect(normalizePath('./config//prod.exs')).toBe('config/prod.exs');
    expect(normalizePath('../outside.exs')).toBe('outside.exs');
  });

  it('`*` stays within one folder, like Path.wildcard, and does not match dotfiles', () => {
    expect(matchesPathGlob('config/../apps/*/config/config.exs', 'apps/web/config/config.exs')).toBe(true);
    expect(matchesPathGlob('apps/*/config/config.exs', 'apps/web/sub/config/config.exs')).toBe(false);
    expect(matchesPathGlob('config/*.secret.exs', 'config/prod.secret.exs')).toBe(true);
    expect(matchesPathGlob('config/*.exs', 'config/.hidden.exs')).toBe(false);
  });

  it('`?`, `{a,b}` and `**` mean what they mean to Path.wildcard', () => {
    expect(matchesPathGlob('config/?ev.exs', 'config/dev.exs')).toBe(true);
    expect(matchesPathGlob('config/{dev,prod}.exs', 'config/prod.exs')).toBe(true);
    expect(matchesPathGlob('config/{dev,prod}.exs', 'config/test.exs')).toBe(false);
    expect(matchesPathGlob('apps/**/config.exs', 'apps/web/config/config.exs')).toBe(true);
  });
});
