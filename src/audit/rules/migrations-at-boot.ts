import type { Evidence } from '../../scan/profile.js';
import { notApplicable, type Rule, type RuleHit } from '../types.js';

export const rule = {
  id: 'migrations-at-boot',
  title: 'Migrations run when the app boots',
  category: 'releases',
  severity: 'medium',
  description:
    'Calling Ecto.Migrator from the application start (or as a supervision child) makes every instance migrate as it boots: instances race for the migration lock, a slow migration delays or fails health checks, and a failed one crash-loops every instance instead of stopping the deploy.',
  fix: 'Run migrations once per deploy, before the new version starts: `/app/bin/migrate` (MyApp.Release.migrate/0) as the fly.toml `release_command`, a Kubernetes Job or init container, or a CI step; remove the Ecto.Migrator call from the application start.',
  equivalents: [],
  check(profile) {
    // SQLite lives on one instance's disk: migrating at boot is the usual pattern (the Phoenix generator does it).
    if (profile.database === 'sqlite') return notApplicable('SQLite runs on a single instance: migrating at boot cannot race');
    if (profile.database === 'none') return notApplicable('no database');
    const appFiles = new Set(profile.facts.applications.map((a) => a.file));
    const found: { evidence: Evidence; how: string }[] = [];
    // Calls outside the Application module (mix tasks, helper modules) are not known to run at boot.
    // One finding per line: `Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))` is two calls.
    const seen = new Set<string>();
    for (const e of profile.facts.migratorCalls) {
      if (!appFiles.has(e.file) || seen.has(`${e.file}:${e.line}`)) continue;
      seen.add(`${e.file}:${e.line}`);
      found.push({ evidence: e, how: 'calls Ecto.Migrator' });
    }
    for (const a of profile.facts.applications) {
      for (const c of a.children) if (c.module === 'Ecto.Migrator') found.push({ evidence: c.evidence, how: `starts Ecto.Migrator as a child of ${a.module}` });
    }
    const hits: RuleHit[] = [];
    for (const f of found) {
      const app = profile.facts.applications.find((a) => a.file === f.evidence.file);
      hits.push({
        message: `${app?.module ?? f.evidence.file} ${f.how} (${f.evidence.file}:${f.evidence.line}): every instance migrates as it boots and they race for the migration lock`,
        evidence: [f.evidence],
      });
    }
    return hits;
  },
} as const satisfies Rule;
