/** Plug modules (a `call/2`, or `use Plug.Router`) that answer request paths themselves: health plugs, proxies. */
import type { ModuleExtractor } from '../extractor.js';
import type { PlugPaths } from '../profile.js';
import { answeredPaths, plugRouterPaths } from './answered-paths.js';

export const plugPathsExtractor: ModuleExtractor<PlugPaths> = {
  id: 'plug-paths',
  markers: ['request_path', 'path_info', 'Plug.Router'],
  // `def call` may sit inside a compile-time `if` (one clause per environment): read the whole body.
  matches: () => true,
  extract(mod, ctx) {
    const paths = [...answeredPaths(mod.body), ...plugRouterPaths(mod)];
    const seen = new Set<string>();
    const unique = paths.filter((p) => !seen.has(p.path) && seen.add(p.path));
    return unique.length ? { module: mod.name, file: ctx.file, paths: unique } : null;
  },
};
