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

const k8s = (replicas: number) => ({ targets: ['k8s'], k8s: { replicas }, audit: { ignore: [] } }) as unknown as Partial<DeployConfig>;
const FLY_ONE = FLY_TWO.replace('min_machines_running = 2', 'min_machines_running = 1');
/** A raw TCP [[services]] fly.toml (no [http_service]): it says nothing about the machine count. */
const FLY_SERVICES = `app = "hello-phoenix"\n\n[[services]]\n  internal_port = 8080\n  protocol = "tcp"\n\n  [[services.ports]]\n    port = 443\n    handlers = ["tls", "http"]\n`;
const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: hello-phoenix-web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: hello-phoenix-web
  minReplicas: 2
  maxReplicas: 6
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;
/** PubSub on Redis, without clustering: every instance shares the broadcasts through Redis. */
const REDIS_PUBSUB = {
  [APP]: (t: string) =>
    replace('      {DNSCluster, query: Application.get_env(:hello_phoenix, :dns_cluster_query) || :ignore},\n', '')(
      replace(
        '{Phoenix.PubSub, name: HelloPhoenix.PubSub}',
        '{Phoenix.PubSub,\n       name: HelloPhoenix.PubSub,\n       adapter: Phoenix.PubSub.Redis,\n       url: Application.fetch_env!(:hello_phoenix, :redis_url)}',
      )(t),
    ),
};

ruleTester(rule, {
  valid: [
    { name: 'broadcasts on two machines with DNSCluster', edits: NOTIFIER, deploy: two },
    { name: 'Presence with the Redis adapter and libcluster', base: fixture('oban-libcluster-redis'), deploy: two },
    { name: 'no clustering, but nothing says more than one instance', notApplicable: 'nothing says the app runs on more than one instance', edits: { ...NOTIFIER, ...NO_CLUSTER } },
    { name: 'phoenix-ops.yaml plans one machine (the plan decides over fly.toml)', notApplicable: 'nothing says the app runs on more than one instance', edits: { ...NOTIFIER, ...NO_CLUSTER, 'fly.toml': FLY_TWO }, deploy: one },
    { name: 'broadcasts on two machines over the Redis PubSub adapter, without clustering', edits: { ...NOTIFIER, ...REDIS_PUBSUB }, deploy: two },
    {
      name: 'phoenix-ops.yaml plans one k8s replica (the plan decides)',
      notApplicable: 'nothing says the app runs on more than one instance',
      edits: { ...NOTIFIER, ...NO_CLUSTER, 'fly.toml': FLY_TWO },
      deploy: k8s(1),
    },
    {
      name: 'fly.toml keeps one machine running',
      notApplicable: 'nothing says the app runs on more than one instance',
      edits: { ...NOTIFIER, ...NO_CLUSTER, 'fly.toml': FLY_ONE },
    },
    {
      name: 'fly.toml with raw [[services]] only says nothing about the machine count',
      notApplicable: 'nothing says the app runs on more than one instance',
      edits: { ...NOTIFIER, ...NO_CLUSTER, 'fly.toml': FLY_SERVICES },
    },
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
    {
      name: 'broadcasts, no clustering, three k8s replicas planned',
      edits: { ...NOTIFIER, ...NO_CLUSTER },
      deploy: k8s(3),
      expect: [`${APP}:13`],
      messageIncludes: ['phoenix-ops.yaml k8s.replicas is 3'],
    },
    {
      name: 'broadcasts, no clustering, a HorizontalPodAutoscaler scales the pods',
      edits: { ...NOTIFIER, ...NO_CLUSTER, 'k8s/hpa.yaml': HPA },
      expect: [`${APP}:13`],
      messageIncludes: ['k8s/hpa.yaml autoscales the pods (HorizontalPodAutoscaler hello-phoenix-web)'],
    },
  ],
});
