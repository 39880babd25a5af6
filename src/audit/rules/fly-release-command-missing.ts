import type { Evidence } from '../../scan/profile.js';
import { migrationCommand } from '../../facts/dockerfile.js';
import { bootMigration } from '../../facts/migration-step.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

export const rule = defineRule({
  id: 'fly-release-command-missing',
  title: 'Fly deploys never run the migrations',
  category: 'fly',
  severity: 'high',
  description:
    'Fly runs `[deploy] release_command` once per deploy, in a temporary machine with the new image and the app secrets, before any machine is updated. Without it (and without another migration step) the new code starts against the old schema: queries on new columns and tables fail until someone migrates by hand.',
  fix: 'Add `[deploy]` with `release_command = "/app/bin/migrate"` to fly.toml (`mix phx.gen.release` writes rel/overlays/bin/migrate and the Release module it calls).',
  equivalents: [],
  requires: ['flyTomls', 'database'],
  messages: {
    noReleaseCommand: '{{file}} has no [deploy] release_command and nothing else migrates the {{database}} database: `fly deploy` starts the new code against the old schema',
  },
  check({ profile, flyTomls, database }) {
    if (database === 'sqlite') return notApplicable('SQLite: the database lives on the machine volume, so it is migrated at boot, not by a release command');
    // Migrations already run another way (at boot): the migrates-at-boot rules judge that choice.
    if (bootMigration(profile)) return [];
    const migrate = profile.facts.relScripts.find((s) => /rel\/overlays\/bin\/migrate$/.test(s.file));
    const hits: Hit[] = [];
    for (const f of flyTomls) {
      const d = f.data;
      if (!d) continue;
      if (d.deploy?.release_command?.trim()) continue;
      // Process groups that migrate before starting (`app = "sh -c '/app/bin/migrate && /app/bin/server'"`).
      if (Object.values(d.processes ?? {}).some((p) => migrationCommand(profile, p))) continue;
      const ev: Evidence = { file: f.file, line: f.lines['deploy.release_command'] ?? f.lines.deploy ?? f.lines.app ?? 1 };
      hits.push({
        messageId: 'noReleaseCommand',
        data: { file: f.file, database },
        evidence: [ev],
        fix: migrate
          ? `Add \`[deploy]\` with \`release_command = "/app/bin/migrate"\` to ${f.file} (${migrate.file} exists).`
          : `Run \`mix phx.gen.release\` (it writes rel/overlays/bin/migrate and a Release module), then add \`[deploy]\` with \`release_command = "/app/bin/migrate"\` to ${f.file}.`,
      });
    }
    return hits;
  },
});
