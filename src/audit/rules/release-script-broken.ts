import type { ScriptInfo } from '../../scan/profile.js';
import { notApplicable, type Rule, type RuleHit } from '../types.js';

/** Windows twins (`server.bat`) run under cmd.exe: no mode bit, no shebang, CRLF is normal. */
const isBat = (s: ScriptInfo) => /\.(bat|cmd|ps1)$/i.test(s.file);

export const rule = {
  id: 'release-script-broken',
  title: 'Release script cannot run',
  category: 'releases',
  severity: 'high',
  description:
    'Scripts in rel/overlays/bin are copied into the release as they are. Without the executable bit the container fails with "permission denied"; with CRLF line endings (a Windows checkout) `/bin/sh\\r` is "not found"; without a shebang the kernel refuses to exec it.',
  fix: 'Start the script with `#!/bin/sh`, convert it to LF line endings (add `rel/overlays/bin/* text eol=lf` to .gitattributes), and mark it executable in git: `git update-index --chmod=+x rel/overlays/bin/<script>`.',
  equivalents: [],
  check(profile) {
    const scripts = profile.facts.relScripts.filter((s) => !isBat(s));
    const tpl = profile.facts.relEnvTemplate;
    if (scripts.length === 0 && !tpl) return notApplicable('no rel/overlays/bin scripts');
    const hits: RuleHit[] = [];
    for (const s of scripts) {
      const problems: string[] = [];
      if (!s.executable) problems.push('it is not executable (mode is not 755)');
      if (s.crlf) problems.push('it has CRLF line endings');
      if (!s.shebang) problems.push('it has no #! line');
      if (problems.length === 0) continue;
      const name = s.file.split('/').pop();
      hits.push({
        message: `${s.file}: ${problems.join(', ')}, so \`bin/${name}\` fails inside the release`,
        evidence: [{ file: s.file, line: 1 }],
      });
    }
    // rel/env.sh.eex is sourced, not executed: only its line endings matter (every value would end in \r).
    if (tpl?.crlf) {
      hits.push({ message: `${tpl.file}: it has CRLF line endings, so every variable it exports ends in a carriage return`, evidence: [{ file: tpl.file, line: 1 }] });
    }
    return hits;
  },
} as const satisfies Rule;
