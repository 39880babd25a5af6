import { rule } from '../../../src/audit/rules/fly-min-machines-zero-liveview.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const FLY = (service: string) => `app = "dispatch"
primary_region = "ams"

[http_service]
  internal_port = 4000
${service}`;

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy with min_machines_running = 1', base: DEPLOY, edits: { 'fly.toml': replace('min_machines_running = 0', 'min_machines_running = 1') } },
    { name: 'auto stop turned off', base: DEPLOY, edits: { 'fly.toml': replace('auto_stop_machines = "stop"', 'auto_stop_machines = "off"') } },
    {
      name: 'JSON API without LiveView, Oban or clustering may scale to zero',
      notApplicable: 'no LiveView, Oban or clustering: stopping idle machines is safe',
      base: fixture('api-no-ecto'),
      edits: {
        'lib/relay/application.ex': replace('      {DNSCluster, query: Application.get_env(:relay, :dns_cluster_query) || :ignore},\n', ''),
        'fly.toml': FLY('  auto_stop_machines = "stop"\n  min_machines_running = 0\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'existing-deploy: LiveView with auto stop and min_machines_running = 0',
      base: DEPLOY,
      expect: ['fly.toml:22'],
      messageIncludes: ['auto_stop_machines = "stop"', 'min_machines_running = 0', 'LiveView'],
    },
    {
      name: 'Oban app with auto_stop_machines = true and no min_machines_running',
      base: fixture('oban-libcluster-redis'),
      edits: { 'fly.toml': FLY('  auto_stop_machines = true\n  auto_start_machines = true\n') },
      expect: ['fly.toml:6'],
      messageIncludes: ['no min_machines_running', 'Oban', 'libcluster'],
    },
    {
      name: 'suspend counts as stopping',
      base: DEPLOY,
      edits: { 'fly.toml': replace('auto_stop_machines = "stop"', 'auto_stop_machines = "suspend"') },
      expect: ['fly.toml:22'],
    },
  ],
});
