/** `phoenix-ops`: one subcommand per pipeline stage. Each command file is thin: flags in, library call, output. */
import { existsSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { describeError, EXIT, exitCodeFor } from './errors.js';
import { registerApply } from './apply.js';
import { registerAudit } from './audit.js';
import { registerCost } from './cost.js';
import { registerDestroy } from './destroy.js';
import { registerReport } from './report.js';
import { registerExplain } from './explain.js';
import { registerGenerate } from './generate.js';
import { registerInit } from './init.js';
import { registerPlan } from './plan.js';
import { registerRehearse } from './rehearse.js';
import { registerScan } from './scan.js';
import { registerVerify } from './verify.js';
import { registerStatus } from './status.js';
import { nearest } from '../model/did-you-mean.js';
import { VERSION } from '../model/version.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('phoenix-ops')
    .description('Take a Phoenix application from its repository to production: scan, audit, plan, generate, cost, apply, verify.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces for internal errors')
    .configureOutput({
      // Usage errors: one line, like every other input error (exit 2); commander's "(Did you mean
      // --format?)" stays on it.
      outputError: (str, write) => write(`phoenix-ops: ${oneLine(str)} (see --help)\n`),
    })
    .exitOverride();
  registerScan(program);
  registerAudit(program);
  registerInit(program);
  registerPlan(program);
  registerGenerate(program);
  registerRehearse(program);
  registerCost(program);
  registerApply(program);
  registerStatus(program);
  registerDestroy(program);
  registerReport(program);
  registerExplain(program);
  registerVerify(program);
  return program;
}

/** Commander's message as one line: `error: unknown option '--fromat'\n(Did you mean --format?)`. */
function oneLine(str: string): string {
  return str
    .trim()
    .replace(/^error: /, '')
    .split('\n')
    .map((l) => l.trim().replace(/^\((Did you mean .*)\)$/, '$1'))
    .filter(Boolean)
    .join('. ');
}

/**
 * A first word that is no command and no path but a near miss of a command (`scna`): the default
 * command would take it for a folder, so it is named as the typo it is.
 */
export function unknownCommand(program: Command, argv: readonly string[]): string | null {
  const [first] = argv;
  if (first === undefined || first.startsWith('-') || existsSync(first)) return null;
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  if (names.includes(first)) return null;
  const near = nearest(first, names);
  if (near === null) return null;
  return `unknown command '${first}'. Did you mean '${near}'?`;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  const typo = unknownCommand(program, argv);
  if (typo) {
    process.stderr.write(`phoenix-ops: ${typo}\n`);
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    process.stderr.write(`${describeError(err)}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return exitCodeFor(err);
  }
}

const code = await main(process.argv.slice(2));
// Exit once stdout has flushed (pipes are asynchronous on macOS), without waiting for V8's idle
// background work (wasm tier-up, GC) that only delays the prompt.
process.stdout.write('', () => process.exit(code));
