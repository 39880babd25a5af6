/**
 * A Content-Security-Policy counts when it has a fetch directive, wherever it is set: the router's
 * `put_secure_browser_headers`, a plug module that puts the header (literal, or built at runtime),
 * or a `<meta http-equiv>` in a layout. `frame-ancestors` alone (an embed-friendly header) does not.
 */
import { describe, expect, it } from 'vitest';
import { replace, scanProject } from '../../helpers/project.js';

const ROUTER = 'lib/hello_phoenix_web/router.ex';
const ENDPOINT = 'lib/hello_phoenix_web/endpoint.ex';
const inBrowser = (plug: string) => replace('    plug :put_secure_browser_headers\n', `    plug :put_secure_browser_headers\n    plug ${plug}\n`);

const plugModule = (name: string, body: string) => ({
  [`lib/hello_phoenix_web/plugs/${name.toLowerCase()}.ex`]: `defmodule HelloPhoenixWeb.Plugs.${name} do\n  import Plug.Conn\n\n  def init(opts), do: opts\n\n${body}\nend\n`,
});

describe('CSP from a plug module', () => {
  it('put_resp_header with a fetch directive', async () => {
    const p = await scanProject({
      [ROUTER]: inBrowser('HelloPhoenixWeb.Plugs.Policy'),
      ...plugModule('Policy', '  def call(conn, _opts) do\n    put_resp_header(conn, "content-security-policy", "default-src \'self\'; connect-src \'self\' wss://example.com")\n  end'),
    });
    expect(p.security.csp).toBe(true);
    expect(p.evidence['csp']).toBe(`${ROUTER}:13`);
  });

  it('frame-ancestors only does not count', async () => {
    const p = await scanProject({
      [ROUTER]: inBrowser('HelloPhoenixWeb.Plugs.AllowIframe'),
      ...plugModule('AllowIframe', '  def call(conn, _opts) do\n    put_resp_header(conn, "content-security-policy", "frame-ancestors *")\n  end'),
    });
    expect(p.security.csp).toBe(false);
    expect(p.facts.cspSources.map((c) => [c.name, c.policy])).toEqual([['HelloPhoenixWeb.Plugs.AllowIframe', 'frame-ancestors *']]);
  });

  it('a function plug that rewrites the policy already set (get_resp_header, then put_resp_header) sets none of its own', async () => {
    const p = await scanProject({
      [ROUTER]: (c) =>
        inBrowser(':allow_embedding')(c).replace(
          /\nend\n$/,
          '\n  defp allow_embedding(conn, _opts) do\n    [value] = get_resp_header(conn, "content-security-policy")\n    put_resp_header(conn, "content-security-policy", String.replace(value, "frame-ancestors \'self\';", "frame-ancestors *;"))\n  end\nend\n',
        ),
    });
    expect(p.facts.cspSources).toEqual([]);
    expect(p.security.csp).toBe(false);
  });

  it('headers built by a private function, in an endpoint plug compiled into prod', async () => {
    const p = await scanProject({
      [ENDPOINT]: replace('  plug Plug.RequestId\n', '  if Mix.env() != :dev do\n    plug HelloPhoenixWeb.Plugs.Security\n  end\n\n  plug Plug.RequestId\n'),
      ...plugModule('Security', '  def call(conn, opts), do: merge_resp_headers(conn, headers(opts))\n\n  defp headers(opts), do: [{"x-frame-options", "DENY"}, {"content-security-policy", policy(opts)}]\n\n  defp policy(_opts), do: Enum.join(["default-src \'none\'", "script-src \'self\'"], "; ")'),
    });
    expect(p.security.csp).toBe(true);
    expect(p.facts.cspSources[0]!.policy).toBeNull();
  });

  it('the same plug compiled only into dev builds does not count', async () => {
    const p = await scanProject({
      [ENDPOINT]: replace('  plug Plug.RequestId\n', '  if Mix.env() == :dev do\n    plug HelloPhoenixWeb.Plugs.Security\n  end\n\n  plug Plug.RequestId\n'),
      ...plugModule('Security', '  def call(conn, _opts), do: put_resp_header(conn, "content-security-policy", "default-src \'self\'")'),
    });
    expect(p.security.csp).toBe(false);
  });
});

describe('CSP in a layout <meta http-equiv>', () => {
  const LAYOUT = 'lib/hello_phoenix_web/components/layouts/root.html.heex';
  const page = (meta: string) => `<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <meta name="csrf-token" content={get_csrf_token()} />\n    ${meta}\n  </head>\n  <body>{@inner_content}</body>\n</html>\n`;

  it('a meta tag with a fetch directive, spread over several lines', async () => {
    const p = await scanProject({ [LAYOUT]: page('<meta\n      http-equiv="Content-Security-Policy"\n      content="default-src \'self\';\n        connect-src \'self\' wss://app.example.com"\n    />') });
    expect(p.security.csp).toBe(true);
    expect(p.evidence['csp']).toBe(`${LAYOUT}:5`);
  });

  it('a meta tag with only frame-ancestors does not count', async () => {
    const p = await scanProject({ [LAYOUT]: page('<meta http-equiv="content-security-policy" content="frame-ancestors \'self\'">') });
    expect(p.security.csp).toBe(false);
  });
});
