import { rule } from '../../../src/audit/rules/release-scripts-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');

ruleTester(rule, {
  valid: [
    { name: 'bin/server and bin/migrate present', base: DEPLOY },
    { name: 'no Dockerfile or fly.toml: not applicable', notApplicable: 'no Dockerfile or fly.toml: no deployment set up in the repository' },
    {
      name: 'scripts absent, but the image starts the release itself and fly migrates with eval',
      base: DEPLOY,
      edits: {
        'rel/overlays/bin/server': null,
        'rel/overlays/bin/migrate': null,
        Dockerfile: replace('CMD ["/app/bin/server"]', 'ENV PHX_SERVER=true\nCMD ["/app/bin/beacon_app", "start"]'),
        'fly.toml': replace('release_command = "/app/bin/migrate"', 'release_command = "/app/bin/beacon_app eval BeaconApp.Release.migrate"'),
      },
    },
  ],
  invalid: [
    {
      name: 'Dockerfile CMD runs /app/bin/server, which is missing',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/server': null, 'rel/overlays/bin/server.bat': null },
      expect: ['Dockerfile:77'],
      messageIncludes: ['bin/server', 'high impact', 'container exits'],
    },
    {
      name: 'fly.toml release_command runs /app/bin/migrate, which is missing',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/migrate': null },
      expect: ['fly.toml:11'],
      messageIncludes: ['deploy.release_command', 'high impact'],
    },
    {
      name: 'release module but no bin/migrate and no release_command on Fly',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/migrate': null, 'fly.toml': replace('  release_command = "/app/bin/migrate"\n', ''), 'k8s/deployment.yaml': null },
      expect: ['fly.toml:10'],
      messageIncludes: ['BeaconApp.Release.migrate/0', 'never migrate'],
    },
    {
      name: 'the image builds a release but its final stage starts nothing and there is no bin/server',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/server': null, 'rel/overlays/bin/server.bat': null, Dockerfile: replace('CMD ["/app/bin/server"]', '') },
      expect: ['Dockerfile:53'],
      messageIncludes: ['builds a release (line 53) but its final stage has no CMD/ENTRYPOINT'],
    },
  ],
});
