/**
 * collectSuppressions: `# phoenix-ops:ignore <rule-id> <reason>` comments in Elixir sources, read
 * from the syntax tree's comments (never from strings or heredocs), with the line each stands on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseElixir, type Tree } from '../../../src/scan/elixir/parser.js';
import { collectSuppressions } from '../../../src/scan/elixir/suppressions.js';
import type { Suppression } from '../../../src/scan/profile.js';

const trees: Tree[] = [];
afterAll(() => trees.forEach((t) => t.delete?.()));

async function suppressions(text: string, file = 'config/runtime.exs'): Promise<Suppression[]> {
  const parsed = await parseElixir(text);
  trees.push(parsed.tree);
  const out: Suppression[] = [];
  collectSuppressions(parsed.root, file, text, out);
  return out;
}

describe('collectSuppressions', () => {
  it('a comment on its own line before the code it covers: rule id and reason', async () => {
    const text = [
      'import Config',
      '',
      'if config_env() == :prod do',
      '  # phoenix-ops:ignore check-origin-disabled the load balancer checks the Origin header',
      '  config :my_app, MyAppWeb.Endpoint, check_origin: false',
      'end',
      '',
    ].join('\n');
    expect(await suppressions(text)).toEqual([
      { file: 'config/runtime.exs', line: 4, ruleId: 'check-origin-disabled', reason: 'the load balancer checks the Origin header' },
    ]);
  });

  it('without a reason the reason is empty', async () => {
    expect(await suppressions('# phoenix-ops:ignore hsts-missing\nconfig :my_app, MyAppWeb.Endpoint, force_ssl: false\n')).toEqual([
      { file: 'config/runtime.exs', line: 1, ruleId: 'hsts-missing', reason: '' },
    ]);
  });

  it('extra spaces anywhere, or none after #, are allowed; the reason is trimmed', async () => {
    const text = ['#   phoenix-ops:ignore   database-ssl-disabled    managed network only   ', 'config :my_app, MyApp.Repo, ssl: false', '#phoenix-ops:ignore fly-env-secret set by the platform', ''].join('\n');
    expect(await suppressions(text, 'config/prod.exs')).toEqual([
      { file: 'config/prod.exs', line: 1, ruleId: 'database-ssl-disabled', reason: 'managed network only' },
      { file: 'config/prod.exs', line: 3, ruleId: 'fly-env-secret', reason: 'set by the platform' },
    ]);
  });

  it('a trailing comment after code on the same line', async () => {
    const text = ['defmodule MyAppWeb.Endpoint do', '  use Phoenix.Endpoint, otp_app: :my_app', '', '  socket "/live", Phoenix.LiveView.Socket, websocket: [check_origin: false] # phoenix-ops:ignore check-origin-disabled internal tool', 'end', ''].join('\n');
    expect(await suppressions(text, 'lib/my_app_web/endpoint.ex')).toEqual([
      { file: 'lib/my_app_web/endpoint.ex', line: 4, ruleId: 'check-origin-disabled', reason: 'internal tool' },
    ]);
  });

  it('a file with Windows line endings', async () => {
    const text = 'import Config\r\n# phoenix-ops:ignore hsts-missing TLS ends at the proxy\r\nconfig :my_app, MyAppWeb.Endpoint, force_ssl: false\r\n';
    expect(await suppressions(text)).toEqual([{ file: 'config/runtime.exs', line: 2, ruleId: 'hsts-missing', reason: 'TLS ends at the proxy' }]);
  });

  it('the marker inside a string, a heredoc or a sigil is not a comment', async () => {
    const text = [
      'defmodule MyApp.Docs do',
      '  @moduledoc """',
      '  # phoenix-ops:ignore hsts-missing in a heredoc',
      '  """',
      '  def hint, do: "# phoenix-ops:ignore check-origin-disabled in a string"',
      '  def other, do: ~s(# phoenix-ops:ignore fly-env-secret in a sigil)',
      'end',
      '',
    ].join('\n');
    expect(await suppressions(text, 'lib/my_app/docs.ex')).toEqual([]);
  });

  it('comments that are not a suppression: marker not first, no rule id, a rule id in capitals', async () => {
    const text = ['# see phoenix-ops:ignore hsts-missing in the docs', '# phoenix-ops:ignore', '# phoenix-ops:ignore   ', '# phoenix-ops:ignore HSTS-missing', '# phoenix-ops:ignored hsts-missing', 'config :my_app, MyAppWeb.Endpoint, force_ssl: false', ''].join('\n');
    expect(await suppressions(text)).toEqual([]);
  });

  it('several in one file, in source order, nested in modules and functions', async () => {
    const text = [
      'defmodule MyAppWeb.Router do',
      '  use MyAppWeb, :router',
      '',
      '  pipeline :browser do',
      '    # phoenix-ops:ignore csp-missing LiveView pages set their own',
      '    plug :put_secure_browser_headers',
      '  end',
      '',
      '  def call(conn, opts) do',
      '    conn # phoenix-ops:ignore session-cookie-insecure behind TLS',
      '  end',
      'end',
      '# phoenix-ops:ignore hsts-missing',
      '',
    ].join('\n');
    expect(await suppressions(text, 'lib/my_app_web/router.ex')).toEqual([
      { file: 'lib/my_app_web/router.ex', line: 5, ruleId: 'csp-missing', reason: 'LiveView pages set their own' },
      { file: 'lib/my_app_web/router.ex', line: 10, ruleId: 'session-cookie-insecure', reason: 'behind TLS' },
      { file: 'lib/my_app_web/router.ex', line: 13, ruleId: 'hsts-missing', reason: '' },
    ]);
  });

  it('appends to what was already collected from other files', async () => {
    const out: Suppression[] = [{ file: 'config/prod.exs', line: 3, ruleId: 'hsts-missing', reason: 'proxy' }];
    const text = '# phoenix-ops:ignore fly-env-secret platform\n';
    const parsed = await parseElixir(text);
    trees.push(parsed.tree);
    collectSuppressions(parsed.root, 'config/runtime.exs', text, out);
    expect(out).toEqual([
      { file: 'config/prod.exs', line: 3, ruleId: 'hsts-missing', reason: 'proxy' },
      { file: 'config/runtime.exs', line: 1, ruleId: 'fly-env-secret', reason: 'platform' },
    ]);
  });

  it('the file text is the prefilter: a text without the marker collects nothing', async () => {
    const parsed = await parseElixir('# phoenix-ops:ignore hsts-missing proxy\n');
    trees.push(parsed.tree);
    const out: Suppression[] = [];
    collectSuppressions(parsed.root, 'config/runtime.exs', '# a different revision of the file\n', out);
    expect(out).toEqual([]);
  });
});
