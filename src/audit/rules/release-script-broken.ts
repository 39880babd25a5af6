import type { Profile, ScriptInfo } from '../../scan/profile.js';
import { commandText, executedSegments, phoenixDockerfiles } from '../../facts/dockerfile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

/**
 * `RUN chmod +x /app/bin/*` (or `chmod 755 …/bin/migrate`) in a production Dockerfile: the image
 * fixes the mode the repository lost. Returns where, or null.
 */
function dockerfileChmod(profile: Profile, script: string): string | null {
  const name = script.split('/').pop() ?? script;
  for (const d of phoenixDockerfiles(profile)) {
    for (const i of d.instructions) {
      if (i.keyword !== 'RUN') continue;
      for (const seg of executedSegments(commandText(i))) {
        const [, mode = '', paths = ''] = /^(?:\S*\/)?chmod\s+(?:-\S+\s+)*(\S+)\s+(.+)$/.exec(seg.trim()) ?? [];
        if (!/(\+x|^[0-7]*[1357][0-7]{0,2}$|a\+rx|u\+x)/.test(mode)) continue;
        if (paths.split(/\s+/).some((p) => /\/bin\/(\*|[^/]*\*[^/]*)$/.test(p) || p.endsWith(`/bin/${name}`) || p === `bin/${name}`)) return `${d.file}:${i.line}`;
      }
    }
  }
  return null;
}

/** Windows twins (`server.bat`) run under cmd.exe: no mode bit, no shebang, CRLF is normal. */
const isBat = (s: ScriptInfo) => /\.(bat|cmd|ps1)$/i.test(s.file);

export const rule = defineRule({
  id: 'release-script-broken',
  title: 'Release script cannot run',
  category: 'releases',
  severity: 'high',
  description:
    'Scripts in rel/overlays/bin are copied into the release as they are. Without the executable bit the container fails with "permission denied"; with CRLF line endings (a Windows checkout) `/bin/sh\\r` is "not found"; without a shebang the kernel refuses to exec it.',
  fix: 'Start the script with `#!/bin/sh`, convert it to LF line endings (add `rel/overlays/bin/* text eol=lf` to .gitattributes), and mark it executable in git: `git update-index --chmod=+x rel/overlays/bin/<script>`.',
  equivalents: [],
  requires: [],
  messages: {
    broken: '{{file}}: {{problems}}, so `bin/{{name}}` fails inside the release',
    modeUnconfirmed:
      '{{files}}: not executable here, but neither is any other script of this copy (bin/, scripts/, *.sh) and it has no git metadata, so its file modes were evidently not preserved when it was copied (an archive, a copy tool); check what the repository records with `git ls-files -s {{dir}}` (100755 is executable, 100644 is not)',
    envTemplateCrlf: '{{file}}: it has CRLF line endings, so every variable it exports ends in a carriage return',
  },
  check({ profile }) {
    const scripts = profile.facts.relScripts.filter((s) => !isBat(s));
    const tpl = profile.facts.relEnvTemplate;
    if (scripts.length === 0 && !tpl) return notApplicable('no rel/overlays/bin scripts');
    const hits: Hit[] = [];
    /** Scripts whose mode a copy without modes cannot confirm: one medium finding for them all. */
    const unconfirmed: ScriptInfo[] = [];
    for (const s of scripts) {
      /** [what is wrong (for the fingerprint), how the message says it]. */
      const problems: [string, string][] = [];
      if (!s.executable && !dockerfileChmod(profile, s.file)) {
        if (s.modeFrom === 'copy') unconfirmed.push(s);
        else problems.push(['mode', s.modeFrom === 'git' ? 'git records it as not executable (mode 100644, not 100755)' : 'it is not executable (mode is not 755)']);
      }
      if (s.crlf) problems.push(['crlf', 'it has CRLF line endings']);
      if (!s.shebang) problems.push(['shebang', 'it has no #! line']);
      if (problems.length === 0) continue;
      const name = s.file.split('/').pop() ?? s.file;
      hits.push({
        messageId: 'broken',
        data: { file: s.file, problems: problems.map(([, text]) => text).join(', '), name },
        snippet: problems.map(([what]) => what).join(' '),
        evidence: [{ file: s.file, line: 1 }],
      });
    }
    const [firstUnconfirmed] = unconfirmed;
    if (firstUnconfirmed) {
      const dir = firstUnconfirmed.file.replace(/\/[^/]+$/, '');
      hits.push({
        messageId: 'modeUnconfirmed',
        data: { files: unconfirmed.map((s) => s.file).join(', '), dir },
        snippet: `mode unconfirmed ${dir}`,
        severity: 'medium',
        fix: `In a clone of the repository run \`git ls-files -s ${dir}\`: scripts at 100755 are fine (only this copy lost the bit); mark any at 100644 executable with \`git update-index --chmod=+x ${dir}/<script>\` and commit.`,
        evidence: unconfirmed.map((s) => ({ file: s.file, line: 1 })),
      });
    }
    // rel/env.sh.eex is sourced, not executed: only its line endings matter (every value would end in \r).
    if (tpl?.crlf) {
      hits.push({ messageId: 'envTemplateCrlf', data: { file: tpl.file }, evidence: [{ file: tpl.file, line: 1 }] });
    }
    return hits;
  },
});
