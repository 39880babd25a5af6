/**
 * Children started by the project's own supervisors: an Application child that is a project module
 * with `use Supervisor` (a `MyApp.Oban` supervisor that starts Oban, a `MyApp.Cluster` that starts
 * `Cluster.Supervisor`) starts the children of its `init/1`. They are added to the Application's
 * children, with evidence in the supervisor's file, two levels deep.
 */
import { modulesIn, usesIn } from '../elixir/ast.js';
import type { LibIndex } from '../lib.js';
import type { ApplicationInfo } from '../profile.js';
import type { Sources } from '../sources.js';
import { extractApplication } from './application.js';

export function addSupervisedChildren(src: Sources, lib: LibIndex, applications: ApplicationInfo[]): void {
  const seen = new Set<string>();
  for (const app of applications) {
    let level = app.children.map((c) => c.module);
    for (let depth = 0; depth < 2 && level.length; depth++) {
      const next: string[] = [];
      for (const name of level) {
        if (seen.has(name)) continue;
        seen.add(name);
        const ev = lib.modules.get(name);
        const file = ev ? lib.byFile.get(ev.file) : undefined;
        if (!file || !file.text.includes('use Supervisor')) continue;
        const p = src.parse(file.f);
        const mod = p ? modulesIn(p.root).find((m) => m.name === name) : undefined;
        if (!mod || !usesIn(mod.body).some((u) => u.module === 'Supervisor')) continue;
        for (const c of extractApplication(mod, file.f.rel, app.otpApp, 'init').children) {
          if (c.module === name || app.children.some((x) => x.module === c.module && x.evidence.file === c.evidence.file && x.evidence.line === c.evidence.line)) continue;
          app.children.push(c);
          next.push(c.module);
        }
      }
      level = next;
    }
  }
}
