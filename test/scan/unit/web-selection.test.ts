/**
 * Several endpoints (an embed or admin endpoint, a metrics endpoint, a second Phoenix app in an
 * umbrella): the main one is the endpoint prod serves, then the one whose router has the most prod
 * routes, then the one named `<App>Web.Endpoint`; the reason is recorded.
 */
import { describe, expect, it } from 'vitest';
import { replace, scanProject } from '../../helpers/project.js';

/** A small second endpoint, defined in a file that sorts before the main one. */
const EMBED = {
  'lib/hello_phoenix_web/a_embed/endpoint.ex':
    'defmodule HelloPhoenixWeb.AEmbed.Endpoint do\n  use Phoenix.Endpoint, otp_app: :hello_phoenix\n\n  plug Plug.RequestId\n  plug HelloPhoenixWeb.AEmbed.Router\nend\n',
  'lib/hello_phoenix_web/a_embed/router.ex':
    'defmodule HelloPhoenixWeb.AEmbed.Router do\n  use HelloPhoenixWeb, :router\n\n  scope "/", HelloPhoenixWeb do\n    live "/embed/:id", EmbedLive, :show\n  end\nend\n',
};

describe('the main endpoint among several', () => {
  it('the endpoint whose router has the most prod routes wins, whatever the file order, and says why', async () => {
    const p = await scanProject(EMBED);
    expect(p.facts.endpoints.map((e) => e.module)).toEqual(['HelloPhoenixWeb.AEmbed.Endpoint', 'HelloPhoenixWeb.Endpoint']);
    expect([p.web.endpointModule, p.web.routerModule]).toEqual(['HelloPhoenixWeb.Endpoint', 'HelloPhoenixWeb.Router']);
    expect(p.facts.reasons['endpoint']).toMatch(/^HelloPhoenixWeb\.Endpoint chosen over HelloPhoenixWeb\.AEmbed\.Endpoint: its router HelloPhoenixWeb\.Router has \d+ prod routes \(HelloPhoenixWeb\.AEmbed\.Endpoint: 1\)$/);
    expect(p.evidence['endpoint']).toBe('lib/hello_phoenix_web/endpoint.ex:1');
  });

  it('an endpoint prod config turns off (`server: false`) loses to the one prod serves', async () => {
    const p = await scanProject({
      ...EMBED,
      // No PHX_SERVER switch in runtime.exs: prod.exs has the last word.
      'config/runtime.exs': replace('if System.get_env("PHX_SERVER") do\n  config :hello_phoenix, HelloPhoenixWeb.Endpoint, server: true\nend\n', ''),
      'config/prod.exs': (c) => `${c}\nconfig :hello_phoenix, HelloPhoenixWeb.Endpoint, server: false\n`,
    });
    expect(p.web.endpointModule).toBe('HelloPhoenixWeb.AEmbed.Endpoint');
    expect(p.facts.reasons['endpoint']).toContain('prod config sets `server: false` for HelloPhoenixWeb.Endpoint');
  });

  it('with a single endpoint there is no choice to explain', async () => {
    const p = await scanProject({});
    expect(p.facts.reasons['endpoint']).toBeUndefined();
  });
});

describe('the main router of the endpoint', () => {
  const HEALTH_ROUTER = {
    'lib/hello_phoenix_web/health_router.ex':
      'defmodule HelloPhoenixWeb.HealthRouter do\n  use HelloPhoenixWeb, :router\n\n  scope "/", HelloPhoenixWeb do\n    get "/health", HealthController, :show\n  end\nend\n',
  };

  it('of two routers plugged, one under a compile-time condition: the one plugged unconditionally', async () => {
    const p = await scanProject({
      ...HEALTH_ROUTER,
      'lib/hello_phoenix_web/endpoint.ex': replace(
        '  plug HelloPhoenixWeb.Router\n',
        '  if Application.compile_env(:hello_phoenix, :health_only, false) do\n    plug HelloPhoenixWeb.HealthRouter\n  end\n\n  plug HelloPhoenixWeb.Router\n',
      ),
    });
    expect(p.web.routerModule).toBe('HelloPhoenixWeb.Router');
    // Each in a branch of the same condition: the one with the most routes.
    const both = await scanProject({
      ...HEALTH_ROUTER,
      'lib/hello_phoenix_web/endpoint.ex': replace(
        '  plug HelloPhoenixWeb.Router\n',
        '  if Application.compile_env(:hello_phoenix, :health_only, false) do\n    plug HelloPhoenixWeb.HealthRouter\n  else\n    plug HelloPhoenixWeb.Router\n  end\n',
      ),
    });
    expect(both.web.routerModule).toBe('HelloPhoenixWeb.Router');
  });

  it('no router plugged directly (a plug dispatching by host to several): the largest router', async () => {
    const p = await scanProject({
      ...HEALTH_ROUTER,
      'lib/hello_phoenix_web/a_dispatch.ex':
        'defmodule HelloPhoenixWeb.ADispatch do\n  def init(opts), do: opts\n\n  def call(conn, _opts) do\n    if conn.host == "status.example.com", do: HelloPhoenixWeb.HealthRouter.call(conn, []), else: HelloPhoenixWeb.Router.call(conn, [])\n  end\nend\n',
      'lib/hello_phoenix_web/endpoint.ex': replace('  plug HelloPhoenixWeb.Router\n', '  plug HelloPhoenixWeb.ADispatch\n'),
    });
    expect(p.web.routerModule).toBe('HelloPhoenixWeb.Router');
  });
});
