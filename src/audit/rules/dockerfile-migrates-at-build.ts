import { commandText, migrationCommand } from '../../facts/dockerfile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'dockerfile-migrates-at-build',
  title: 'Migrations run while the image is built',
  category: 'docker',
  severity: 'high',
  description:
    'A RUN step that migrates (`mix ecto.migrate`, `mix ecto.setup`, `bin/migrate`, `eval "…migrate"`) needs the production database while the image is built. Builders have no database and no DATABASE_URL, so the build fails — or it migrates whatever database the build machine can reach, long before the new code is deployed.',
  fix: 'Remove the migration from the Dockerfile and run it once per deploy against the real database: `release_command = "/app/bin/migrate"` in fly.toml, a Kubernetes Job or init container, or a CI step after the image is pushed.',
  equivalents: [],
  requires: ['dockerfiles', 'database'],
  messages: {
    atBuild: '{{file}}:{{line}} runs `{{command}}` at build time: there is no database (and no DATABASE_URL) while the image is built',
    sqliteAtBuild: '{{file}}:{{line}} runs `{{command}}` at build time: the SQLite database file is created inside the image, not on the volume the app will use',
  },
  check({ profile, dockerfiles }) {
    const hits: Hit[] = [];
    for (const d of dockerfiles) {
      for (const i of d.instructions) {
        if (i.keyword !== 'RUN') continue;
        const what = migrationCommand(profile, commandText(i));
        if (!what) continue;
        hits.push({
          messageId: profile.database === 'sqlite' ? 'sqliteAtBuild' : 'atBuild',
          data: { file: d.file, line: i.line, command: what },
          evidence: [{ file: d.file, line: i.line }],
        });
      }
    }
    return hits;
  },
});
