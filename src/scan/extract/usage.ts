/**
 * What lib/ code does that deployment depends on: `live_render`, PubSub broadcasts, Phoenix.Presence.
 * The facts only ask whether the app does it and where first, so each extractor stops at its first
 * hit (`once`): an app with hundreds of broadcasting controllers costs one parse, not hundreds.
 */
import { callName, walk, type ModuleDef } from '../elixir/ast.js';
import { lineOf } from '../elixir/parser.js';
import type { ModuleContext, ModuleExtractor } from '../extractor.js';
import type { Evidence } from '../profile.js';

const CALLS: ReadonlySet<string> = new Set(['call']);

function firstCall(mod: ModuleDef, ctx: ModuleContext, pred: (name: string, text: () => string) => boolean): Evidence | null {
  let hit: Evidence | null = null;
  for (const n of mod.body) {
    if (hit) break;
    walk(
      n,
      (c) => {
        if (hit) return false;
        const name = callName(c);
        if (name && pred(name, () => c.text)) hit = { file: ctx.file, line: lineOf(c) };
      },
      CALLS,
    );
  }
  return hit;
}

export const liveRenderExtractor: ModuleExtractor<Evidence> = {
  id: 'live-render',
  markers: ['live_render'],
  once: true,
  matches: () => true,
  extract: (mod, ctx) => firstCall(mod, ctx, (name) => name === 'live_render' || name === 'Phoenix.LiveView.Controller.live_render'),
};

const BROADCAST = /(^|\.)(PubSub|Endpoint)\.(local_)?broadcast(_from)?!?$/;

export const broadcastExtractor: ModuleExtractor<Evidence> = {
  id: 'broadcast',
  // `Phoenix.PubSub.broadcast…` or `MyAppWeb.Endpoint.broadcast…` (also aliased `PubSub.`/`Endpoint.`).
  markers: ['PubSub.broadcast', 'Endpoint.broadcast', 'PubSub.local_broadcast', 'Endpoint.local_broadcast'],
  once: true,
  matches: () => true,
  extract: (mod, ctx) => firstCall(mod, ctx, (name) => BROADCAST.test(name)),
};

export const presenceExtractor: ModuleExtractor<Evidence> = {
  id: 'presence',
  markers: ['Phoenix.Presence'],
  once: true,
  matches: () => true,
  extract: (mod, ctx) => firstCall(mod, ctx, (name, text) => name === 'use' && text().includes('Phoenix.Presence')),
};
