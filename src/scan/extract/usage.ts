/** What lib/ code does that deployment depends on: `live_render`, PubSub broadcasts, Phoenix.Presence. */
import { callName, walk } from '../elixir/ast.js';
import { lineOf } from '../elixir/parser.js';
import type { ModuleExtractor } from '../extractor.js';
import type { Evidence } from '../profile.js';

export interface ModuleUsage {
  liveRender: Evidence[];
  pubsubBroadcast: Evidence[];
  presence: Evidence[];
}

const CALLS: ReadonlySet<string> = new Set(['call']);

export const usageExtractor: ModuleExtractor<ModuleUsage> = {
  id: 'usage',
  markers: ['live_render', 'broadcast', 'Phoenix.Presence'],
  matches: () => true,
  extract(mod, ctx) {
    const out: ModuleUsage = { liveRender: [], pubsubBroadcast: [], presence: [] };
    for (const n of mod.body) {
      walk(
        n,
        (c) => {
          const name = callName(c);
          if (!name) return;
          const ev = { file: ctx.file, line: lineOf(c) };
          if (name === 'live_render' || name === 'Phoenix.LiveView.Controller.live_render') out.liveRender.push(ev);
          else if (/(^|\.)(PubSub|Endpoint)\.(local_)?broadcast(_from)?!?$/.test(name)) out.pubsubBroadcast.push(ev);
          else if (name === 'use' && c.text.includes('Phoenix.Presence')) out.presence.push(ev);
        },
        CALLS,
      );
    }
    return out.liveRender.length || out.pubsubBroadcast.length || out.presence.length ? out : null;
  },
};
