import { projectEvidence } from '../../facts/project.js';
import { defineRule } from '../rule.js';

export const rule = defineRule({
  id: 'mix-lock-missing',
  title: 'mix.lock is missing',
  category: 'releases',
  severity: 'medium',
  description:
    'Without mix.lock, `mix deps.get` in the image build resolves the newest versions allowed by mix.exs: production runs dependency versions nobody tested, and two builds of the same commit can differ.',
  fix: 'Run `mix deps.get` locally and commit the mix.lock it writes (keep it out of .gitignore and .dockerignore).',
  equivalents: [],
  requires: [],
  messages: {
    noLock: 'no {{dir}}mix.lock next to {{file}}: every build resolves dependency versions anew instead of the ones you tested',
  },
  check({ profile }) {
    if (profile.facts.lock) return [];
    const ev = projectEvidence(profile);
    const dir = profile.projectPath === '.' ? '' : `${profile.projectPath}/`;
    return [
      {
        messageId: 'noLock',
        data: { dir, file: ev.file },
        evidence: [ev],
      },
    ];
  },
});
