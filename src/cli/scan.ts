import type { Command } from 'commander';
import { addCacheOptions, cacheOptions, type CacheFlags } from './context.js';
import { colors, print, useColor } from './output.js';

export function registerScan(program: Command): void {
  const cmd = program
    .command('scan')
    .description('read a Phoenix project and print what was detected, with evidence (file:line)')
    .argument('[dir]', 'project folder (or a repository holding one)', '.')
    .option('--json', 'print the profile as JSON (the stable contract in the README)');
  addCacheOptions(cmd).action(async (dir: string, opts: { json?: boolean } & CacheFlags) => {
      const [{ scan }, { toScanJson }, { formatScanText }] = await Promise.all([import('../scan/index.js'), import('../scan/json.js'), import('../report/scan-text.js')]);
      const profile = await scan(dir, { cache: cacheOptions(opts) });
      if (opts.json) print(JSON.stringify(toScanJson(profile), null, 2));
      else print(formatScanText(profile, colors(useColor())));
    });
}
