import { rule } from '../../../src/audit/rules/release-script-broken.js';
import { fixture, replace } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const SERVER = '#!/bin/sh\nset -eu\n\ncd -P -- "$(dirname -- "$0")"\nPHX_SERVER=true exec ./beacon_app start\n';
const MIGRATE = '#!/bin/sh\nset -eu\n\ncd -P -- "$(dirname -- "$0")"\nexec ./beacon_app eval BeaconApp.Release.migrate\n';

/** A runner-stage RUN before `USER nobody` (after the release is copied into /app). */
const RUN = (cmd: string) => replace('USER nobody', `RUN ${cmd}\n\nUSER nobody`);
const SERVER_644 = { 'rel/overlays/bin/server': { content: SERVER, mode: 0o644 } };

ruleTester(rule, {
  valid: [
    { name: 'generated scripts: 755, LF, #!/bin/sh (the .bat twins are ignored)', base: DEPLOY },
    { name: 'no rel/ folder: not applicable', notApplicable: 'no rel/overlays/bin scripts' },
    {
      name: 'bin/server lost its mode but the Dockerfile runs chmod +x /app/bin/* on the release',
      base: DEPLOY,
      edits: { ...SERVER_644, Dockerfile: RUN('chmod +x /app/bin/*') },
    },
    {
      name: 'bin/server lost its mode but the Dockerfile runs `chmod -R 755 bin/server` in a chain',
      base: DEPLOY,
      edits: { ...SERVER_644, Dockerfile: RUN('ls -la bin && /bin/chmod -R 755 bin/server') },
    },
    {
      name: 'bin/server lost its mode but the Dockerfile runs chmod u+x on its absolute path',
      base: DEPLOY,
      edits: { ...SERVER_644, Dockerfile: RUN('chmod u+x /app/bin/server /app/bin/migrate') },
    },
  ],
  invalid: [
    {
      name: 'bin/server not executable while bin/migrate is (modes were kept): high',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/server': { content: SERVER, mode: 0o644 } },
      expect: ['rel/overlays/bin/server:1'],
      messageIncludes: ['not executable'],
      severity: 'high',
    },
    {
      name: 'the Dockerfile only chmods bin/migrate: bin/server stays not executable',
      base: DEPLOY,
      edits: { ...SERVER_644, Dockerfile: RUN('chmod 755 /app/bin/migrate') },
      expect: ['rel/overlays/bin/server:1'],
      messageIncludes: ['rel/overlays/bin/server: it is not executable (mode is not 755)'],
    },
    {
      name: 'the Dockerfile chmods bin/* without an executable bit (644): bin/server stays not executable',
      base: DEPLOY,
      edits: { ...SERVER_644, Dockerfile: RUN('chmod 644 /app/bin/*') },
      expect: ['rel/overlays/bin/server:1'],
      messageIncludes: ['rel/overlays/bin/server: it is not executable (mode is not 755)'],
    },
    {
      name: 'the chmod +x of the release scripts is only a comment in the Dockerfile',
      base: DEPLOY,
      edits: { ...SERVER_644, Dockerfile: replace('USER nobody', '# RUN chmod +x /app/bin/*\nUSER nobody') },
      expect: ['rel/overlays/bin/server:1'],
      messageIncludes: ['rel/overlays/bin/server: it is not executable (mode is not 755)'],
    },
    {
      name: 'no release script executable but a tool script is (modes were kept): high for each',
      base: DEPLOY,
      edits: {
        'rel/overlays/bin/server': { content: SERVER, mode: 0o644 },
        'rel/overlays/bin/migrate': { content: MIGRATE, mode: 0o644 },
        'scripts/seed_dev.sh': { content: '#!/bin/sh\nset -eu\nmix run priv/repo/seeds.exs\n', mode: 0o755 },
      },
      expect: ['rel/overlays/bin/server:1', 'rel/overlays/bin/migrate:1'],
      messageIncludes: ['it is not executable (mode is not 755)'],
      severity: 'high',
    },
    {
      name: 'a copy with no git metadata where no file is executable (an archive): one medium finding that says how to check',
      base: DEPLOY,
      edits: {
        'rel/overlays/bin/server': { content: SERVER, mode: 0o444 },
        'rel/overlays/bin/migrate': { content: MIGRATE, mode: 0o444 },
      },
      expect: ['rel/overlays/bin/migrate:1'],
      messageIncludes: ['rel/overlays/bin/migrate, rel/overlays/bin/server: not executable here', 'modes were evidently not preserved', '`git ls-files -s rel/overlays/bin`'],
      severity: 'medium',
    },
    {
      name: 'a copy that kept no modes still reports CRLF (high) besides the unconfirmed mode (medium)',
      base: DEPLOY,
      edits: {
        'rel/overlays/bin/server': { content: SERVER.replace(/\n/g, '\r\n'), mode: 0o644 },
        'rel/overlays/bin/migrate': { content: MIGRATE, mode: 0o644 },
      },
      expect: ['rel/overlays/bin/server:1', 'rel/overlays/bin/migrate:1'],
      messageIncludes: ['rel/overlays/bin/server: it has CRLF line endings, so'],
    },
    {
      name: 'bin/migrate with CRLF line endings and no shebang',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/migrate': { content: MIGRATE.replace('#!/bin/sh\n', '').replace(/\n/g, '\r\n'), mode: 0o755 } },
      expect: ['rel/overlays/bin/migrate:1'],
      messageIncludes: ['CRLF', 'no #! line'],
    },
    {
      name: 'rel/env.sh.eex with CRLF line endings',
      base: DEPLOY,
      edits: { 'rel/env.sh.eex': (s: string) => s.replace(/\n/g, '\r\n') },
      expect: ['rel/env.sh.eex:1'],
      messageIncludes: ['carriage return'],
    },
  ],
});
