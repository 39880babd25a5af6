import type { Evidence } from '../../scan/profile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

export const rule = defineRule({
  id: 'migrations-at-boot',
  title: 'Migrations run when the app boots',
  category: 'releases',
  severity: 'medium',
  description:
    'Calling Ecto.Migrator from the application start (or as a supervision child) makes every instance migrate as it boots: instances race for the migration lock, a slow migration delays or fails health checks, and a failed one crash-loops every instance instead of stopping the deploy.',
  fix: 'Run migrations once per deploy, before the new version starts: `/app/bin/migrate` (MyApp.Release.migrate/0) as the fly.toml `release_command`, a Kubernetes Job or init container, or a CI step; remove the Ecto.Migrator call from the application start.',
  equivalents: [],
  requires: ['database'],
  messages: {
    callsMigrator: '{{module}} calls Ecto.Migrator ({{file}}:{{line}}): every instance migrates as it boots and they race for the migration lock',
    migratorChild: '{{module}} starts Ecto.Migrator as a child of {{application}} ({{file}}:{{line}}): every instance migrates as it boots and they race for the migration lock',
  },
  check({ profile }) {
    // SQLite lives on one instance's disk: migrating at boot is the usual pattern (the Phoenix generator does it).
    if (profile.database === 'sqlite') return notApplicable('SQLite runs on a single instance: migrating at boot cannot race');
    const appFiles = new Set(profile.facts.applications.map((a) => a.file));
    /** `childOf`: the Application that starts Ecto.Migrator as a child; null for a call. */
    const found: { evidence: Evidence; childOf: string | null }[] = [];
    // Calls outside the Application module (mix tasks, helper modules) are not known to run at boot.
    // One finding per line: `Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))` is two calls.
    const seen = new Set<string>();
    for (const e of profile.facts.migratorCalls) {
      if (!appFiles.has(e.file) || seen.has(`${e.file}:${e.line}`)) continue;
      seen.add(`${e.file}:${e.line}`);
      found.push({ evidence: e, childOf: null });
    }
    for (const a of profile.facts.applications) {
      for (const c of a.children) if (c.module === 'Ecto.Migrator') found.push({ evidence: c.evidence, childOf: a.module });
    }
    const hits: Hit[] = [];
    for (const f of found) {
      const app = profile.facts.applications.find((a) => a.file === f.evidence.file);
      hits.push({
        messageId: f.childOf ? 'migratorChild' : 'callsMigrator',
        data: { module: app?.module ?? f.evidence.file, ...(f.childOf ? { application: f.childOf } : {}), file: f.evidence.file, line: f.evidence.line },
        evidence: [f.evidence],
      });
    }
    return hits;
  },
});
