import { rule } from '../../../src/audit/rules/libcluster-empty-topologies.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const BASE = fixture('oban-libcluster-redis');
const RUNTIME_TOPOLOGY = /  # Nodes find each other[\s\S]*?polling_interval: 5_000\n        \]\n      \]\n    \]\n/;

ruleTester(rule, {
  valid: [
    { name: 'empty in config.exs, a Kubernetes topology in runtime.exs for prod', base: BASE },
    { name: 'no libcluster (DNSCluster app)', notApplicable: 'the app does not use libcluster' },
    {
      name: 'the empty default replaced only in dev.exs does not matter when runtime.exs sets prod',
      base: BASE,
      edits: { 'config/dev.exs': (s) => `${s}\nconfig :libcluster, topologies: [local: [strategy: Cluster.Strategy.Epmd, config: [hosts: []]]]\n` },
    },
  ],
  invalid: [
    {
      name: 'runtime.exs no longer sets a topology: prod keeps []',
      base: BASE,
      edits: { 'config/runtime.exs': replace(RUNTIME_TOPOLOGY, '') },
      expect: ['config/config.exs:65'],
      messageIncludes: ['config :libcluster, topologies: [] in config/config.exs'],
    },
    {
      name: 'Cluster.Supervisor started with a literal empty list',
      base: BASE,
      edits: { 'lib/dispatch/application.ex': replace('{Cluster.Supervisor, [topologies, [name: Dispatch.ClusterSupervisor]]}', '{Cluster.Supervisor, [[], [name: Dispatch.ClusterSupervisor]]}') },
      expect: ['lib/dispatch/application.ex:20'],
    },
  ],
});
