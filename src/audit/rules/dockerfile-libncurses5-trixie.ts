import { commandText, distroRelease, executedSegments, stageImage, stageInstructions, type DistroRelease } from '../../facts/dockerfile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

/** Releases without the ncurses 5 ABI packages: Debian 13 (trixie) and later, Ubuntu 24.04 (noble) and later. */
function lacksNcurses5(r: DistroRelease): boolean {
  return r.distro === 'debian' ? r.version >= 13 : r.version >= 24.04;
}

export const rule = defineRule({
  id: 'dockerfile-libncurses5-trixie',
  title: 'libncurses5 installed on an image that no longer has it',
  category: 'docker',
  severity: 'high',
  description:
    'Debian trixie (13) and later, and Ubuntu 24.04 and later, dropped the `libncurses5` package (only `libncurses6` is left). A Dockerfile written for bookworm that installs it fails at `apt-get install` as soon as the base image moves to trixie, so the image no longer builds.',
  fix: 'Install `libncurses6` instead of `libncurses5` (the Erlang runtime links against either), as the current `mix phx.gen.release --docker` template does.',
  equivalents: [],
  requires: ['dockerfiles'],
  messages: {
    pinned: '{{file}}:{{line}} installs libncurses5 on {{image}} ({{distro}} {{codename}}), where the package no longer exists: apt-get install fails; install libncurses6',
    floating:
      '{{file}}:{{line}} installs libncurses5 on {{image}} ({{distro}} {{codename}}, which {{image}} points at today), where the package no longer exists: apt-get install fails; install libncurses6',
  },
  check({ dockerfiles }) {
    const hits: Hit[] = [];
    for (const d of dockerfiles) {
      for (const s of d.stages) {
        const image = stageImage(d, s);
        const release = image ? distroRelease(image) : null;
        if (!image || !release || !lacksNcurses5(release)) continue;
        for (const i of stageInstructions(d, s.index)) {
          if (i.keyword !== 'RUN') continue;
          const installs = executedSegments(commandText(i)).some((seg) => /\b(apt-get|apt|aptitude)\s+(\S+\s+)*install\b/.test(seg) && /(^|\s)libncurses5(?=$|\s|=)/.test(seg));
          if (!installs) continue;
          hits.push({
            messageId: release.floating ? 'floating' : 'pinned',
            data: { file: d.file, line: i.line, image, distro: release.distro === 'debian' ? 'Debian' : 'Ubuntu', codename: release.codename },
            snippet: `libncurses5 ${release.distro}`,
            evidence: [{ file: d.file, line: i.line }],
          });
        }
      }
    }
    return hits;
  },
});
