import { rule } from '../../../src/audit/rules/fly-release-command-missing.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const NO_DEPLOY = replace('[deploy]\n  release_command = "/app/bin/migrate"\n\n', '');

ruleTester(rule, {
  valid: [
    { name: 'existing-deploy: release_command = /app/bin/migrate', base: DEPLOY },
    {
      name: 'migrations run at boot by the start command instead',
      base: DEPLOY,
      edits: { 'fly.toml': NO_DEPLOY, Dockerfile: replace('CMD ["/app/bin/server"]', 'CMD ["sh", "-c", "/app/bin/migrate && exec /app/bin/server"]') },
    },
    {
      name: 'SQLite app (migrated at boot on its volume)',
      notApplicable: 'SQLite: the database lives on the machine volume, so it is migrated at boot, not by a release command',
      base: fixture('sqlite'),
      edits: { 'fly.toml': 'app = "notes"\n\n[env]\n  DATABASE_PATH = "/data/notes.db"\n\n[[mounts]]\n  source = "data"\n  destination = "/data"\n\n[http_service]\n  internal_port = 4000\n' },
    },
    { name: 'app without a database', notApplicable: 'the app has no database', base: fixture('api-no-ecto'), edits: { 'fly.toml': 'app = "relay"\n\n[http_service]\n  internal_port = 4000\n' } },
  ],
  invalid: [
    {
      name: 'existing-deploy without [deploy]',
      base: DEPLOY,
      edits: { 'fly.toml': NO_DEPLOY },
      expect: ['fly.toml:4'],
      messageIncludes: ['no [deploy] release_command', 'postgres'],
    },
    {
      name: 'empty [deploy] table with a strategy only',
      base: DEPLOY,
      edits: { 'fly.toml': replace('  release_command = "/app/bin/migrate"', '  strategy = "rolling"') },
      expect: ['fly.toml:10'],
    },
    {
      name: 'MySQL app with a fly.toml and no release command',
      base: fixture('mysql'),
      edits: { 'fly.toml': 'app = "catalog"\nprimary_region = "fra"\n\n[http_service]\n  internal_port = 4000\n' },
      expect: ['fly.toml:1'],
      messageIncludes: ['mysql'],
    },
  ],
});
