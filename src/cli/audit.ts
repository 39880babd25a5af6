import { Option, type Command } from 'commander';
import type { Severity } from '../audit/types.js';
import { addCacheOptions, cacheOptions, listOption, loadProject, pathInRepository, type CacheFlags } from './context.js';
import { EXIT } from './errors.js';
import { colors, print, useColor } from './output.js';

interface AuditFlags extends CacheFlags {
  format: 'text' | 'json' | 'sarif' | 'markdown' | 'html';
  failOn: Severity | 'none';
  only?: string[];
  skip?: string[];
  showSuppressed?: boolean;
  json?: boolean;
}

export function registerAudit(program: Command): void {
  const cmd = program
    .command('audit')
    .description('run the production-readiness rules over a Phoenix project')
    .argument('[dir]', 'project folder (or a repository holding one)', '.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif', 'markdown', 'html']).default('text'))
    .option('--json', 'same as --format json')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity is active').choices(['critical', 'high', 'medium', 'low', 'none']).default('high'))
    .option('--only <ids>', 'run only these rule ids (comma-separated; repeatable)', listOption)
    .option('--skip <ids>', 'skip these rule ids (comma-separated; repeatable)', listOption)
    .option('--show-suppressed', 'also show findings suppressed by phoenix-ops.yaml or inline comments');
  addCacheOptions(cmd).action(async (dir: string, flags: AuditFlags) => {
      const [{ audit, failsAt }, { rules }, { report }] = await Promise.all([import('../audit/engine.js'), import('../audit/rules/index.js'), import('../report/index.js')]);
      const { profile, config, configFile } = await loadProject(dir, cacheOptions(flags));
      const result = audit(profile, { only: flags.only, skip: flags.skip, deploy: config, configFile });
      const format = flags.json ? 'json' : flags.format;
      const options = { colors: colors(useColor()), showSuppressed: !!flags.showSuppressed, title: `phoenix-ops audit of ${profile.web.otpApp}`, sourcePrefix: pathInRepository(profile.root), project: profile.web.otpApp, sourceRoot: profile.root };
      print(await report({ kind: 'audit', result, catalog: rules }, format, options));
      if (failsAt(result, flags.failOn)) process.exitCode = EXIT.findings;
    });
}
