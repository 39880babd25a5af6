import { commandText, executedSegments, migrationCommand, runnerInstructions } from '../../facts/dockerfile.js';
import type { Evidence, Profile } from '../../scan/profile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

/** A command that starts the app (release start/server scripts, mix phx.server, `exec "$@"` handing over to CMD). */
const STARTS = /(^|[\s/])bin\/server\b|(?:^|[\s/])(?:\.\/|bin\/)[\w.-]+\s+(start|foreground|daemon|start_iex)\b|\bmix\s+(phx\.server|run)\b|\bexec\s+"?\$(@|\{@\})/;

function starts(text: string): boolean {
  return executedSegments(text).some((s) => STARTS.test(s));
}

export const rule = defineRule({
  id: 'dockerfile-migrates-at-boot',
  title: 'The container migrates every time it starts',
  category: 'docker',
  severity: 'medium',
  description:
    'A CMD/ENTRYPOINT that runs migrations before starting the server migrates on every boot of every instance: instances queue on the migration lock and start late (failing health checks), a failing migration crash-loops all of them instead of stopping the deploy, and a scale-up or restart re-runs it.',
  fix: 'Start the container with the server only (`CMD ["/app/bin/server"]`) and run `/app/bin/migrate` once per deploy: `[deploy] release_command = "/app/bin/migrate"` on Fly, a Kubernetes Job or init container, or a CI step.',
  equivalents: [],
  requires: ['dockerfiles', 'database'],
  messages: {
    direct:
      '{{file}}:{{line}} {{keyword}} runs `{{command}}` before starting the server: every instance migrates as it boots, races for the migration lock, and a failing migration crash-loops all of them',
    throughScript:
      '{{file}}:{{line}} {{keyword}} runs `{{command}}` (through {{script}}:{{scriptLine}}) before starting the server: every instance migrates as it boots, races for the migration lock, and a failing migration crash-loops all of them',
  },
  check({ profile, dockerfiles }) {
    // SQLite lives on one machine's volume: migrating at boot is the usual (and Fly-recommended) pattern.
    if (profile.database === 'sqlite') return notApplicable('SQLite runs on a single instance: migrating at boot cannot race');
    const hits: Hit[] = [];
    for (const d of dockerfiles) {
      const instructions = runnerInstructions(d);
      if (instructions.length === 0) continue;
      const entry = [...instructions].reverse().find((i) => i.keyword === 'ENTRYPOINT') ?? null;
      const cmd = [...instructions].reverse().find((i) => i.keyword === 'CMD') ?? null;
      for (const ins of [entry, cmd]) {
        if (!ins) continue;
        const text = commandText(ins);
        const direct = migrationCommand(profile, text);
        if (direct) {
          // `bin/migrate && bin/server`, or an ENTRYPOINT that migrates and then runs the CMD.
          if (starts(text) || (ins === entry && cmd)) hits.push(hit(d.file, ins.line, ins.keyword, direct, []));
          continue;
        }
        const through = scriptMigration(profile, text);
        if (through) hits.push(hit(d.file, ins.line, ins.keyword, through.command, [through.evidence]));
      }
    }
    return hits;
  },
});

/** `CMD ["/app/bin/start"]` where rel/overlays/bin/start migrates, then starts the release: the migration and where the script runs it. */
function scriptMigration(profile: Profile, text: string): { command: string; evidence: Evidence } | null {
  for (const [, name] of text.matchAll(/(?:^|[\s/"'])bin\/([\w.-]+)/g)) {
    if (!name || name === 'migrate') continue;
    const script = profile.facts.relScripts.find((s) => s.file.endsWith(`rel/overlays/bin/${name}`));
    if (!script || !starts(script.text)) continue;
    const found = script.text
      .split(/\r?\n/)
      .map((line, i) => ({ command: migrationCommand(profile, line), line: i + 1 }))
      .find((x) => x.command !== null);
    if (found?.command) return { command: found.command, evidence: { file: script.file, line: found.line } };
  }
  return null;
}

function hit(file: string, line: number, keyword: string, what: string, more: Evidence[]): Hit {
  const through = more[0];
  return {
    messageId: through ? 'throughScript' : 'direct',
    data: { file, line, keyword, command: what, ...(through ? { script: through.file, scriptLine: through.line } : {}) },
    evidence: [{ file, line }, ...more],
  };
}
