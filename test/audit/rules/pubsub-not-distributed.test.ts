import { rule } from '../../../src/audit/rules/pubsub-not-distributed.js';
import type { DeployConfig } from '../../../src/model/deploy-config.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const APP = 'lib/hello_phoenix/application.ex';
// The scan only indexes lib/ files with a marker (get_env, Phoenix.Presence…), so the notifier reads its PubSub name from the env.
const NOTIFIER = {
  'lib/hello_phoenix/notifier.ex':
    'defmodule HelloPhoenix.Notifier do\n  def reading_changed(reading) do\n    Phoenix.PubSub.broadcast(pubsub(), "thermostat", {:reading, reading})\n  end\n\n  defp pubsub, do: Application.get_env(:hello_phoenix, :pubsub, HelloPhoenix.PubSub)\nend\n',
};
const PRESENCE = {
  'lib/hello_phoenix_web/presence.ex': 'defmodule HelloPhoenixWeb.Presence do\n  use Phoenix.Presence,\n    otp_app: :hello_phoenix,\n    pubsub_server: HelloPhoenix.PubSub\nend\n',
};
const NO_CLUSTER = { [APP]: replace('      {DNSCluster, query: Application.get_env(:hello_phoenix, :dns_cluster_query) || :ignore},\n', '') };
const two = { machine: { count: 2 }, audit: { ignore: [] } } as unknown as Partial<DeployConfig>;
const one = { machine: { count: 1 }, audit: { ignore: [] } } as unknown as Partial<DeployConfig>;
const FLY_TWO = `app = "hello-phoenix"\n\n[http_service]\n  internal_port = 8080\n  min_machines_running = 2\n`;

ruleTester(rule, {
  valid: [
    { name: 'broadcasts on two machines with DNSCluster', edits: NOTIFIER, deploy: two },
    { name: 'Presence with the Redis adapter and libcluster', base: fixture('oban-libcluster-redis'), deploy: two },
    { name: 'no clustering, but nothing says more than one instance', notApplicable: 'nothing says the app runs on more than one instance', edits: { ...NOTIFIER, ...NO_CLUSTER } },
    { name: 'phoenix-ops.yaml plans one machine (the plan decides over fly.toml)', notApplicable: 'nothing says the app runs on more than one instance', edits: { ...NOTIFIER, ...NO_CLUSTER, 'fly.toml': FLY_TWO }, deploy: one },
    {
      name: 'no broadcasts or Presence',
      notApplicable: 'the app neither broadcasts over PubSub nor uses Presence',
      edits: {
        ...NO_CLUSTER,
        'lib/hello_phoenix_web/live/thermostat_live.ex': null,
        'lib/hello_phoenix_web/user_auth.ex': replace('HelloPhoenixWeb.Endpoint.broadcast(live_socket_id, "disconnect", %{})', ':ok'),
      },
      deploy: two,
    },
  ],
  invalid: [
    {
      name: 'broadcasts, no clustering, two machines planned',
      edits: { ...NOTIFIER, ...NO_CLUSTER },
      deploy: two,
      expect: [`${APP}:13`],
      messageIncludes: ['PubSub broadcasts (first at lib/hello_phoenix/notifier.ex:3)', 'phoenix-ops.yaml machine.count is 2'],
    },
    {
      name: 'Presence while fly.toml keeps two machines running',
      edits: { ...PRESENCE, ...NO_CLUSTER, 'fly.toml': FLY_TWO },
      expect: [`${APP}:13`],
      messageIncludes: ['Presence (lib/hello_phoenix_web/presence.ex:2)', 'fly.toml keeps min_machines_running = 2'],
    },
  ],
});
