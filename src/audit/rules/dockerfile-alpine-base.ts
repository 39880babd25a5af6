import type { DockerStage } from '../../scan/profile.js';
import { builderStages, finalStage, isAlpineImage, stageImage } from '../../facts/dockerfile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'dockerfile-alpine-base',
  title: 'Release built or run on Alpine (musl)',
  category: 'docker',
  severity: 'low',
  description:
    "Alpine's musl libc resolves DNS differently from glibc (no `search`/`ndots` handling like glibc, TCP fallback issues), which breaks clustering and database hosts on some platforms, and NIFs or precompiled binaries built for glibc (and musl builds of them) misbehave or crash. Phoenix's generator and the Elixir images it uses are Debian based.",
  fix: 'Build on `hexpm/elixir:<elixir>-erlang-<otp>-debian-<release>-<date>-slim` and run on the matching `debian:<release>-<date>-slim`, as `mix phx.gen.release --docker` does.',
  equivalents: [],
  requires: ['dockerfiles'],
  messages: {
    alpine: '{{file}} uses Alpine (musl) for the {{stages}}: musl DNS resolution and glibc-built NIFs cause production-only failures; use the Debian slim images',
  },
  check({ dockerfiles }) {
    const hits: Hit[] = [];
    for (const d of dockerfiles) {
      const last = finalStage(d);
      const stages = new Map<number, { stage: DockerStage; role: string }>();
      for (const s of builderStages(d)) stages.set(s.index, { stage: s, role: 'builder' });
      if (last) stages.set(last.index, { stage: last, role: stages.has(last.index) ? 'builder and runner' : 'runner' });
      const alpine = [...stages.values()]
        .sort((a, b) => a.stage.line - b.stage.line)
        .map((x) => ({ ...x, image: stageImage(d, x.stage) }))
        .filter((x): x is typeof x & { image: string } => x.image !== null && isAlpineImage(x.image));
      if (alpine.length === 0) continue;
      hits.push({
        messageId: 'alpine',
        data: { file: d.file, stages: alpine.map((a) => `${a.role} (${a.image}, line ${a.stage.line})`).join(' and the ') },
        // Image tags change with every bump: the finding is which stages run on Alpine.
        snippet: alpine.map((a) => a.role).join(' '),
        evidence: alpine.map((a) => ({ file: d.file, line: a.stage.line })),
      });
    }
    return hits;
  },
});
