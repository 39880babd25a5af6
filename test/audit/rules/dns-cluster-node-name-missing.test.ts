import { rule } from '../../../src/audit/rules/dns-cluster-node-name-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const FLY = (env: string) => `app = "hello-phoenix"\nprimary_region = "iad"\n\n[env]\n  PHX_HOST = "hello-phoenix.fly.dev"\n${env}\n[http_service]\n  internal_port = 8080\n`;
const DOCKERFILE = 'FROM hexpm/elixir:1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim AS builder\nENV MIX_ENV="prod"\nRUN mix release\n\nFROM debian:bookworm-20241016-slim\nENV DNS_CLUSTER_QUERY=hello-headless.default.svc.cluster.local\nCMD ["/app/bin/server"]\n';
const QUERY_CONFIG = '  config :hello_phoenix, :dns_cluster_query, System.get_env("DNS_CLUSTER_QUERY")\n';
const CHILD = '{DNSCluster, query: Application.get_env(:hello_phoenix, :dns_cluster_query) || :ignore}';
const ENV_SH = (lines: string) => `#!/bin/sh\n\n# Sourced by the release start script before the VM boots.\n${lines}`;
const HEADLESS_SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: hello-headless\nspec:\n  clusterIP: None\n  selector:\n    app: hello-phoenix\n  ports:\n    - port: 4000\n';
const NAME_LINES = '  export RELEASE_DISTRIBUTION="name"\n  export RELEASE_NODE="${FLY_APP_NAME}-${FLY_IMAGE_REF##*-}@${FLY_PRIVATE_IP}"\n';

ruleTester(rule, {
  valid: [
    { name: 'no deploy files yet (the generated ones set the node name)', notApplicable: 'no Dockerfile, fly.toml or rel/ yet: the files phoenix-ops generates set the node name' },
    { name: 'rel/env.sh.eex sets long names (fly launch)', base: fixture('existing-deploy') },
    { name: 'fly.toml [env] sets the query and the distribution', edits: { 'fly.toml': FLY('  DNS_CLUSTER_QUERY = "hello-phoenix.internal"\n  RELEASE_DISTRIBUTION = "name"\n') } },
    { name: 'a Dockerfile that never sets the query: DNSCluster stays idle', notApplicable: 'no deploy file sets DNS_CLUSTER_QUERY: DNSCluster stays idle', edits: { Dockerfile: DOCKERFILE.replace(/ENV DNS_CLUSTER_QUERY=.*\n/, '') } },
    {
      name: 'fly.toml sets DNS_CLUSTER_QUERY to an empty string: DNSCluster stays idle',
      notApplicable: 'no deploy file sets DNS_CLUSTER_QUERY: DNSCluster stays idle',
      edits: { 'fly.toml': FLY('  DNS_CLUSTER_QUERY = ""\n') },
    },
    {
      name: 'Kubernetes manifests may set RELEASE_NODE (not read)',
      notApplicable: 'Kubernetes manifests may set RELEASE_NODE in the container env (not read)',
      base: fixture('existing-deploy'),
      edits: { 'rel/env.sh.eex': replace(NAME_LINES, '') },
    },
    {
      name: 'rel/vm.args.eex may set -name (not read)',
      notApplicable: 'rel/vm.args may set -name (not read)',
      edits: { 'rel/vm.args.eex': '## Customize flags given to the VM: https://erlang.org/doc/man/erl.html\n-name hello_phoenix@127.0.0.1\n' },
    },
    {
      name: 'a Dockerfile beside a plain rel/vm.args (may set -name, not read)',
      notApplicable: 'rel/vm.args may set -name (not read)',
      edits: { Dockerfile: DOCKERFILE, 'rel/vm.args': '-name hello_phoenix@${POD_IP}\n-setcookie ${RELEASE_COOKIE}\n' },
    },
    {
      name: 'rel/env.sh.eex sets RELEASE_NODE to a long name (no RELEASE_DISTRIBUTION line)',
      edits: { Dockerfile: DOCKERFILE, 'rel/env.sh.eex': ENV_SH('export RELEASE_NODE="hello_phoenix@${POD_IP}"\n') },
    },
    {
      name: 'the query is interpolated from the Fly app name at runtime',
      notApplicable: 'the DNS query is computed at runtime',
      edits: {
        'fly.toml': FLY(''),
        'config/runtime.exs': replace(QUERY_CONFIG, '  config :hello_phoenix, :dns_cluster_query, "#{System.get_env("FLY_APP_NAME")}.internal"\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'fly.toml sets the query but not the node name',
      edits: { 'fly.toml': FLY('  DNS_CLUSTER_QUERY = "hello-phoenix.internal"\n') },
      expect: ['fly.toml:6'],
      messageIncludes: ['RELEASE_DISTRIBUTION=name or RELEASE_NODE'],
    },
    { name: 'Dockerfile ENV sets the query only', edits: { Dockerfile: DOCKERFILE }, expect: ['Dockerfile:6'] },
    {
      name: 'rel/env.sh.eex without the node-name lines',
      base: fixture('existing-deploy'),
      edits: { 'rel/env.sh.eex': replace(NAME_LINES, ''), 'k8s/deployment.yaml': null },
      expect: ['rel/env.sh.eex:11'],
    },
    {
      name: 'rel/env.sh.eex asks for short names (RELEASE_DISTRIBUTION=sname)',
      edits: { Dockerfile: DOCKERFILE, 'rel/env.sh.eex': ENV_SH('export RELEASE_DISTRIBUTION=sname\n') },
      expect: ['Dockerfile:6'],
    },
    {
      name: 'a headless Service is the only Kubernetes manifest (no workload to set RELEASE_NODE)',
      edits: { Dockerfile: DOCKERFILE, 'k8s/service.yaml': HEADLESS_SERVICE },
      expect: ['Dockerfile:6'],
    },
    {
      name: 'runtime.exs sets a literal query',
      edits: { 'fly.toml': FLY(''), 'config/runtime.exs': replace(QUERY_CONFIG, '  config :hello_phoenix, :dns_cluster_query, "hello-phoenix.internal"\n') },
      expect: ['config/runtime.exs:49'],
    },
    {
      name: 'runtime.exs reads the query from another env var, which fly.toml sets',
      edits: {
        'fly.toml': FLY('  CLUSTER_DNS_NAME = "hello-phoenix.internal"\n'),
        'config/runtime.exs': replace(QUERY_CONFIG, '  config :hello_phoenix, :dns_cluster_query, System.get_env("CLUSTER_DNS_NAME")\n'),
      },
      expect: ['fly.toml:6'],
    },
    {
      name: 'the DNSCluster child has a literal query (no config key)',
      edits: {
        'fly.toml': FLY(''),
        'config/runtime.exs': replace(QUERY_CONFIG, ''),
        'lib/hello_phoenix/application.ex': replace(CHILD, '{DNSCluster, query: "hello-phoenix.internal"}'),
      },
      expect: ['lib/hello_phoenix/application.ex:13'],
    },
    {
      name: 'the DNSCluster child reads its own env var, which fly.toml sets (no config key)',
      edits: {
        'fly.toml': FLY('  CLUSTER_QUERY = "hello-phoenix.internal"\n'),
        'config/runtime.exs': replace(QUERY_CONFIG, ''),
        'lib/hello_phoenix/application.ex': replace(CHILD, '{DNSCluster, query: System.get_env("CLUSTER_QUERY") || :ignore}'),
      },
      expect: ['fly.toml:6'],
    },
  ],
});
