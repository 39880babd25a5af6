/**
 * The application callback: the supervision children however the list is built (`++` with private
 * helpers, `Supervisor.child_spec/2`), and the PubSub adapter and Oban found through them.
 */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../src/scan/profile.js';
import { replace, scanProject } from '../../helpers/project.js';

const APP = 'lib/hello_phoenix/application.ex';

const EXAMPLE_CHILDREN = ['HelloPhoenixWeb.Telemetry', 'HelloPhoenix.Repo', 'DNSCluster', 'Phoenix.PubSub', 'Finch', 'HelloPhoenixWeb.Endpoint'];

const children = (p: Profile) => p.facts.applications.flatMap((a) => a.children.map((c) => c.module));

/** The example application with its `children = [...]` list followed by `tail`, and `defs` added. */
function withChildren(tail: string, defs = ''): Promise<Profile> {
  return scanProject({
    [APP]: (c) =>
      replace('      HelloPhoenixWeb.Endpoint\n    ]\n', `      HelloPhoenixWeb.Endpoint\n    ]${tail}\n`)(c).replace(
        '  # Tell Phoenix to update',
        `${defs}  # Tell Phoenix to update`,
      ),
  });
}

describe('supervision children', () => {
  it('the example app: each child of the list, in order, with its line', async () => {
    const p = await scanProject({});
    const app = p.facts.applications[0]!;
    expect([app.module, app.otpApp, app.file]).toEqual(['HelloPhoenix.Application', 'hello_phoenix', APP]);
    expect(app.children.map((c) => [c.module, c.evidence.line])).toEqual([
      ['HelloPhoenixWeb.Telemetry', 11],
      ['HelloPhoenix.Repo', 12],
      ['DNSCluster', 13],
      ['Phoenix.PubSub', 14],
      ['Finch', 16],
      ['HelloPhoenixWeb.Endpoint', 20],
    ]);
    expect([p.oban, p.pubsub, p.clustering]).toEqual([false, 'pg', 'dns_cluster']);
  });

  it('`children = [...] ++ maybe_oban()` follows the private helper that returns a list', async () => {
    const p = await withChildren(
      ' ++ maybe_oban()',
      `  defp maybe_oban do
    [{Oban, Application.fetch_env!(:hello_phoenix, Oban)}]
  end

`,
    );
    expect(children(p)).toEqual([...EXAMPLE_CHILDREN, 'Oban']);
    expect(p.oban).toBe(true);
    expect(p.evidence.oban).toMatch(/^lib\/hello_phoenix\/application\.ex:\d+$/);
  });

  it('a variable bound in start/2 is its value in a later child: `{Plug.Cowboy, port: port}`', async () => {
    const p = await scanProject({
      [APP]: (c) =>
        c.replace('    children = [', '    port = Application.get_env(:hello_phoenix, :proxy_port)\n\n    children = [').replace('      HelloPhoenixWeb.Endpoint\n', '      HelloPhoenixWeb.Endpoint,\n      {Plug.Cowboy, scheme: :http, plug: HelloPhoenixWeb.Proxy, port: port}\n'),
    });
    const cowboy = p.facts.applications[0]!.children.find((c) => c.module === 'Plug.Cowboy');
    expect(cowboy?.opts).toMatchObject({ t: 'kw', pairs: expect.arrayContaining([expect.objectContaining({ key: 'port', value: expect.objectContaining({ t: 'call', name: 'Application.get_env' }) })]) });
  });

  it('a public `def children(mode)` with several clauses, and a child handed to a function that decides whether to start it', async () => {
    const p = await withChildren(
      ' ++ children(:web)',
      `  def children(mode) when mode in [:web, :all] do
    [configure_for_mode({Oban, Application.fetch_env!(:hello_phoenix, Oban)}, :worker)] ++ cluster()
  end

  def children(_mode), do: []

  defp cluster, do: [{Cluster.Supervisor, [Application.get_env(:libcluster, :topologies), [name: HelloPhoenix.ClusterSupervisor]]}]

  defp configure_for_mode(child, mode), do: if(mode == :worker, do: child, else: [])

`,
    );
    expect(children(p)).toEqual([...EXAMPLE_CHILDREN, 'Oban', 'Cluster.Supervisor']);
    expect(p.oban).toBe(true);
  });

  it("a child that is the project's own Supervisor starts the children of its init/1 (Oban, libcluster inside)", async () => {
    const jobs = `defmodule HelloPhoenix.Jobs do
  use Supervisor

  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(_opts) do
    children = [
      {Oban, Application.fetch_env!(:hello_phoenix, Oban)},
      {Cluster.Supervisor, [Application.get_env(:libcluster, :topologies, []), [name: HelloPhoenix.ClusterSupervisor]]}
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end
`;
    const p = await scanProject({
      'lib/hello_phoenix/jobs.ex': jobs,
      [APP]: (c) => c.replace('      HelloPhoenixWeb.Endpoint\n', '      HelloPhoenixWeb.Endpoint,\n      HelloPhoenix.Jobs\n'),
    });
    expect(children(p)).toEqual([...EXAMPLE_CHILDREN, 'HelloPhoenix.Jobs', 'Oban', 'Cluster.Supervisor']);
    expect(p.facts.applications[0]!.children.find((c) => c.module === 'Oban')?.evidence.file).toBe('lib/hello_phoenix/jobs.ex');
    expect(p.oban).toBe(true);
  });

  it('a helper that returns its list from an `if … do … else [] end` is followed too', async () => {
    const p = await withChildren(
      ' ++ maybe_oban()',
      `  defp maybe_oban do
    if Application.get_env(:hello_phoenix, :oban_enabled, true) do
      [{Oban, Application.fetch_env!(:hello_phoenix, Oban)}]
    else
      []
    end
  end

`,
    );
    expect(children(p)).toEqual([...EXAMPLE_CHILDREN, 'Oban']);
  });

  it('a helper that returns one child from an `if` branch (nil otherwise): `if topologies do {Cluster.Supervisor, …} end`', async () => {
    const p = await withChildren(
      ' ++ [cluster_supervisor()]',
      `  defp cluster_supervisor do
    topologies = Application.get_env(:hello_phoenix, :topologies)

    if topologies do
      {Cluster.Supervisor, [topologies, [name: HelloPhoenix.ClusterSupervisor]]}
    end
  end

`,
    );
    expect(children(p)).toEqual([...EXAMPLE_CHILDREN, 'Cluster.Supervisor']);
  });

  it('a helper that returns its list from an inline `if …, do: [...], else: []` is followed too', async () => {
    const p = await withChildren(
      ' ++ maybe_oban()',
      `  defp maybe_oban do
    if Application.get_env(:hello_phoenix, :oban_enabled, true), do: [{Oban, Application.fetch_env!(:hello_phoenix, Oban)}], else: []
  end

`,
    );
    expect(children(p)).toEqual([...EXAMPLE_CHILDREN, 'Oban']);
    expect(p.oban).toBe(true);
  });

  it('`Supervisor.child_spec({Oban, …}, id: …)` is an Oban child', async () => {
    const p = await withChildren(' ++ [Supervisor.child_spec({Oban, Application.fetch_env!(:hello_phoenix, Oban)}, id: :oban_main)]');
    expect(children(p)).toEqual([...EXAMPLE_CHILDREN, 'Oban']);
    expect(p.oban).toBe(true);
  });

  it('a commented-out child is not a child', async () => {
    const p = await scanProject({ [APP]: replace('      {Finch, name: HelloPhoenix.Finch},\n', '      {Finch, name: HelloPhoenix.Finch},\n      # {Oban, Application.fetch_env!(:hello_phoenix, Oban)},\n') });
    expect(children(p)).toEqual(EXAMPLE_CHILDREN);
    expect(p.oban).toBe(false);
  });
});

describe('PubSub adapter', () => {
  it('`{Phoenix.PubSub, name: X.PubSub, adapter: Phoenix.PubSub.Redis}` is the Redis adapter', async () => {
    const p = await scanProject({
      [APP]: replace('{Phoenix.PubSub, name: HelloPhoenix.PubSub}', '{Phoenix.PubSub, name: HelloPhoenix.PubSub, adapter: Phoenix.PubSub.Redis, url: "redis://localhost:6379", node_name: "n1"}'),
    });
    expect(p.pubsub).toBe('redis');
    expect(p.evidence.pubsub).toBe(`${APP}:14`);
  });

  it('without an adapter option, PubSub uses the default (pg)', async () => {
    const p = await scanProject({});
    expect(p.pubsub).toBe('pg');
  });

  it('the adapter may come from config keyed by the PubSub name', async () => {
    const p = await scanProject({
      'config/config.exs': (c) => `${c}\nconfig :hello_phoenix, HelloPhoenix.PubSub, adapter: Phoenix.PubSub.Redis\n`,
    });
    expect(p.pubsub).toBe('redis');
  });

  it('the adapter returned by a constant function of the module: `adapter: pubsub_adapter()`', async () => {
    const p = await scanProject({
      [APP]: (c) =>
        c
          .replace('{Phoenix.PubSub, name: HelloPhoenix.PubSub}', '{Phoenix.PubSub, name: HelloPhoenix.PubSub, adapter: pubsub_adapter()}')
          .replace('  # Tell Phoenix to update', '  defp pubsub_adapter, do: HelloPhoenix.RpcPubSub\n\n  # Tell Phoenix to update'),
    });
    expect(p.pubsub).toBe('other');
  });

  it('options chosen at boot (`case redis_url() do "redis://" <> _ -> [adapter: Phoenix.PubSub.Redis, …]`): the adapter it is written for', async () => {
    const p = await scanProject({
      [APP]: (c) =>
        c
          .replace(
            '    children = [',
            '    pubsub_opts =\n      case System.get_env("REDIS_URL") do\n        "redis://" <> _ -> [name: HelloPhoenix.PubSub, adapter: Phoenix.PubSub.Redis, url: System.get_env("REDIS_URL")]\n        _ -> [name: HelloPhoenix.PubSub]\n      end\n\n    children = [',
          )
          .replace('{Phoenix.PubSub, name: HelloPhoenix.PubSub}', '{Phoenix.PubSub, pubsub_opts}'),
    });
    expect(p.pubsub).toBe('redis');
  });
});

describe('DNSCluster and libcluster both started', () => {
  const LIBCLUSTER = '\n\n    children = children ++ cluster_children()';
  const HELPER = '  defp cluster_children do\n    topologies = Application.get_env(:libcluster, :topologies, [])\n    [{Cluster.Supervisor, [topologies, [name: HelloPhoenix.ClusterSupervisor]]}]\n  end\n\n';

  it('libcluster, started through a helper, wins when prod config gives it a topology', async () => {
    const p = await scanProject({
      [APP]: (c) => replace('      HelloPhoenixWeb.Endpoint\n    ]\n', `      HelloPhoenixWeb.Endpoint\n    ]${LIBCLUSTER}\n`)(c).replace('  # Tell Phoenix to update', `${HELPER}  # Tell Phoenix to update`),
      'config/runtime.exs': (c) => `${c}\nif config_env() == :prod do\n  config :libcluster, topologies: [dns: [strategy: Cluster.Strategy.DNSPoll, config: [query: "app.internal", node_basename: "app"]]]\nend\n`,
    });
    expect(children(p)).toEqual(expect.arrayContaining(['DNSCluster', 'Cluster.Supervisor']));
    expect(p.clustering).toBe('libcluster');
    expect(p.facts.reasons['clustering']).toMatch(/libcluster has a prod topology \(config\/runtime\.exs:\d+\)/);
  });

  it('without a prod topology the generator DNSCluster is the mechanism', async () => {
    const p = await scanProject({
      [APP]: (c) => replace('      HelloPhoenixWeb.Endpoint\n    ]\n', `      HelloPhoenixWeb.Endpoint\n    ]\n\n    children = children ++ [{Cluster.Supervisor, [[], [name: HelloPhoenix.ClusterSupervisor]]}]\n`)(c),
    });
    expect(p.clustering).toBe('dns_cluster');
  });
});
