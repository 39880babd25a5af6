import { flyServiceLine, flyServices } from '../../facts/fly.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';
import { notApplicable } from '../types.js';

export const rule = defineRule({
  id: 'fly-min-machines-zero-liveview',
  title: 'Fly stops every machine of a stateful app',
  category: 'fly',
  severity: 'medium',
  description:
    'With `auto_stop_machines` on and `min_machines_running = 0`, Fly stops the last machine when it sees no new requests. LiveView sockets count as one long request: when the machine stops every connected user is dropped and reconnects to a cold start; Oban stops running jobs and cron until the next request; a cluster loses its nodes.',
  fix: 'Keep one machine running: `min_machines_running = 1` in `[http_service]` (or turn `auto_stop_machines` off).',
  equivalents: [],
  requires: ['flyTomls'],
  messages: {
    minZero:
      '{{file}} {{service}} sets auto_stop_machines = {{autoStop}} with min_machines_running = {{min}}: Fly stops every machine when idle, while the app uses {{uses}}',
    noMin: '{{file}} {{service}} sets auto_stop_machines = {{autoStop}} with no min_machines_running: Fly stops every machine when idle, while the app uses {{uses}}',
  },
  check({ profile, flyTomls }) {
    const reasons = [
      profile.liveView ? 'LiveView (every connected socket drops)' : null,
      profile.oban ? 'Oban (jobs and cron stop running)' : null,
      profile.clustering !== 'none' ? `${profile.clustering} clustering (nodes leave the cluster)` : null,
    ].filter((r): r is string => r !== null);
    if (reasons.length === 0) return notApplicable('no LiveView, Oban or clustering: stopping idle machines is safe');
    const hits: Hit[] = [];
    for (const f of flyTomls) {
      for (const s of flyServices(f)) {
        const auto = s.data.auto_stop_machines;
        const stops = auto === true || auto === 'stop' || auto === 'suspend';
        if (!stops) continue;
        const min = s.data.min_machines_running;
        if (typeof min === 'number' && min > 0) continue;
        const line = typeof min === 'number' ? flyServiceLine(f, s, 'min_machines_running') : flyServiceLine(f, s, 'auto_stop_machines');
        hits.push({
          messageId: typeof min === 'number' ? 'minZero' : 'noMin',
          data: { file: f.file, service: s.label, autoStop: JSON.stringify(auto), ...(typeof min === 'number' ? { min } : {}), uses: reasons.join(', ') },
          snippet: s.label,
          evidence: [{ file: f.file, line }],
          fix: `Set \`min_machines_running = 1\` in ${s.label} of ${f.file}.`,
        });
      }
    }
    return hits;
  },
});
