/**
 * HTTPS enforced in prod, however the app writes it: `force_ssl` in the endpoint config (also in an
 * umbrella child's config), a `Plug.SSL` compiled only into prod builds (`if Mix.env() == :prod`, a
 * compile-time `:env` flag), a function plug that calls `Plug.SSL.call/2`, or a router pipeline.
 */
import { describe, expect, it } from 'vitest';
import { fixture, replace, scanProject } from '../../helpers/project.js';

const ENDPOINT = 'lib/hello_phoenix_web/endpoint.ex';
const ROUTER = 'lib/hello_phoenix_web/router.ex';
const beforeRouter = (code: string) => replace('  plug HelloPhoenixWeb.Router\n', `${code}  plug HelloPhoenixWeb.Router\n`);

describe('Plug.SSL compiled into prod builds', () => {
  it('inside `if Mix.env() == :prod`', async () => {
    const p = await scanProject({ [ENDPOINT]: beforeRouter('  if Mix.env() == :prod do\n    plug Plug.SSL, rewrite_on: [:x_forwarded_proto]\n  end\n\n') });
    expect([p.security.forceSsl, p.security.hsts]).toEqual([true, true]);
    expect(p.evidence['forceSsl']).toBe(`${ENDPOINT}:50`);
  });

  it('inside `unless Mix.env() == :prod` it is not in prod', async () => {
    const p = await scanProject({ [ENDPOINT]: beforeRouter('  unless Mix.env() == :prod do\n    plug Plug.SSL\n  end\n\n') });
    expect(p.security.forceSsl).toBe(false);
  });

  it('inside `if Application.compile_env(:hello_phoenix, :env) != :dev`, with `config :hello_phoenix, env: :prod` in prod.exs', async () => {
    const p = await scanProject({
      [ENDPOINT]: beforeRouter('  if Application.compile_env(:hello_phoenix, :env) != :dev do\n    plug Plug.SSL, hsts: false\n  end\n\n'),
      'config/prod.exs': (c) => `${c}\nconfig :hello_phoenix, env: :prod\n`,
      'config/dev.exs': (c) => `${c}\nconfig :hello_phoenix, env: :dev\n`,
    });
    expect([p.security.forceSsl, p.security.hsts]).toEqual([true, false]);
  });

  it('in a router pipeline under `if @redirect_http` read by compile_env from `config :app, :redirect_http?, true` in prod.exs', async () => {
    const p = await scanProject({
      'lib/hello_phoenix_web/router.ex': (c) =>
        c.replace(
          '  pipeline :browser do\n',
          '  @redirect_http Application.compile_env(:hello_phoenix, :redirect_http?)\n\n  pipeline :redirect_prod_http do\n    if @redirect_http do\n      plug Plug.SSL, rewrite_on: [:x_forwarded_proto]\n    end\n  end\n\n  pipeline :browser do\n',
        ).replace('    pipe_through :browser\n', '    pipe_through [:redirect_prod_http, :browser]\n'),
      'config/config.exs': (c) => c.replace('# Configures the mailer', 'config :hello_phoenix, :redirect_http?, false\n\n# Configures the mailer'),
      'config/prod.exs': (c) => `${c}\nconfig :hello_phoenix, :redirect_http?, true\n`,
    });
    const pipeline = p.facts.routers[0]!.pipelines.find((x) => x.name === 'redirect_prod_http');
    expect(pipeline?.plugs.map((x) => [x.name, x.prod])).toEqual([['Plug.SSL', true]]);
    expect(p.security.forceSsl).toBe(true);
  });

  it('inside a condition that does not test the environment, it does not count', async () => {
    const p = await scanProject({ [ENDPOINT]: beforeRouter('  if System.get_env("FORCE_SSL") do\n    plug Plug.SSL\n  end\n\n') });
    expect(p.security.forceSsl).toBe(false);
    expect(p.facts.endpoints[0]!.plugs.find((x) => x.name === 'Plug.SSL')?.prod).toBeNull();
  });

  it('a function plug that calls Plug.SSL.call/2', async () => {
    const p = await scanProject({
      [ENDPOINT]: (c) =>
        beforeRouter('  plug :force_ssl\n\n')(c).replace(
          /\nend\n$/,
          '\n\n  defp force_ssl(conn, _opts) do\n    Plug.SSL.call(conn, Plug.SSL.init(rewrite_on: [:x_forwarded_proto], hsts: false))\n  end\nend\n',
        ),
    });
    expect([p.security.forceSsl, p.security.hsts]).toEqual([true, false]);
    expect(p.evidence['forceSsl']).toBe(`${ENDPOINT}:49`);
  });

  it('a function plug that calls Plug.SSL.call/2 only when a runtime setting says so does not enforce HTTPS', async () => {
    const p = await scanProject({
      [ENDPOINT]: (c) =>
        beforeRouter('  plug :force_ssl\n\n')(c).replace(
          /\nend\n$/,
          '\n\n  defp force_ssl(conn, _opts) do\n    if Application.get_env(:hello_phoenix, :force_ssl) do\n      Plug.SSL.call(conn, Plug.SSL.init(rewrite_on: [:x_forwarded_proto]))\n    else\n      conn\n    end\n  end\nend\n',
        ),
      'config/runtime.exs': (c) => `${c}\nconfig :hello_phoenix, force_ssl: System.get_env("FORCE_SSL") == "true"\n`,
    });
    expect(p.security.forceSsl).toBe(false);
    expect(p.facts.endpoints[0]!.plugs.find((x) => x.name === 'Plug.SSL')).toMatchObject({ conditional: true, prod: null });
  });

  it('Plug.SSL in the browser pipeline that the routes go through', async () => {
    const p = await scanProject({ [ROUTER]: replace('    plug :fetch_session\n', '    plug Plug.SSL, rewrite_on: [:x_forwarded_proto]\n    plug :fetch_session\n') });
    expect(p.security.forceSsl).toBe(true);
    expect(p.evidence['forceSsl']).toBe(`${ROUTER}:8`);
  });

  it('Plug.SSL in a pipeline no route uses does not count', async () => {
    const p = await scanProject({ [ROUTER]: replace('  pipeline :api do\n    plug :accepts, ["json"]\n', '  pipeline :api do\n    plug :accepts, ["json"]\n    plug Plug.SSL\n') });
    expect(p.security.forceSsl).toBe(false);
  });
});

describe('force_ssl in an umbrella child app', () => {
  it('a child config imported by the root through `import_config "../apps/*/config/config.exs"` counts', async () => {
    const p = await scanProject(
      {
        'config/config.exs': (c) => `${c}\nimport_config "../apps/*/config/config.exs"\n`,
        'apps/warehouse_web/config/config.exs': 'import Config\n\nimport_config "#{config_env()}.exs"\n',
        'apps/warehouse_web/config/prod.exs': 'import Config\n\nconfig :warehouse_web, WarehouseWeb.Endpoint, force_ssl: [rewrite_on: [:x_forwarded_proto]]\n',
      },
      fixture('umbrella'),
    );
    expect(p.web.endpointModule).toBe('WarehouseWeb.Endpoint');
    expect(p.security.forceSsl).toBe(true);
    expect(p.evidence['forceSsl']).toBe('apps/warehouse_web/config/prod.exs:3');
  });

  it('a child config the root does not import is not read', async () => {
    const p = await scanProject({ 'apps/warehouse_web/config/prod.exs': 'import Config\n\nconfig :warehouse_web, WarehouseWeb.Endpoint, force_ssl: [rewrite_on: [:x_forwarded_proto]]\n' }, fixture('umbrella'));
    expect(p.security.forceSsl).toBe(false);
  });
});
