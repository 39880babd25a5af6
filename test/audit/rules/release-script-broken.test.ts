import { rule } from '../../../src/audit/rules/release-script-broken.js';
import { fixture } from '../../helpers/project.js';
import { ruleTester } from '../harness.js';

const DEPLOY = fixture('existing-deploy');
const SERVER = '#!/bin/sh\nset -eu\n\ncd -P -- "$(dirname -- "$0")"\nPHX_SERVER=true exec ./beacon_app start\n';
const MIGRATE = '#!/bin/sh\nset -eu\n\ncd -P -- "$(dirname -- "$0")"\nexec ./beacon_app eval BeaconApp.Release.migrate\n';

ruleTester(rule, {
  valid: [
    { name: 'generated scripts: 755, LF, #!/bin/sh (the .bat twins are ignored)', base: DEPLOY },
    { name: 'no rel/ folder: not applicable', notApplicable: 'no rel/overlays/bin scripts' },
  ],
  invalid: [
    {
      name: 'bin/server not executable',
      base: DEPLOY,
      edits: { 'rel/overlays/bin/server': { content: SERVER, mode: 0o644 } },
      expect: ['rel/overlays/bin/server:1'],
      messageIncludes: ['not executable'],
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
