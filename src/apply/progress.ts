/**
 * Reporters for apply and destroy: a line per step with its elapsed time (a spinner on stderr while a
 * step runs, only on a terminal), plain lines otherwise, or one JSON event per line with --json.
 */
import type { Colors } from '../model/colors.js';
import type { ApplyEvent, Reporter } from './events.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

export function jsonReporter(write: (line: string) => void = (l) => process.stdout.write(l)): Reporter {
  return { event: (e) => write(`${JSON.stringify({ ...e, time: new Date().toISOString() })}\n`) };
}

export interface TextReporterOptions {
  out?: (line: string) => void;
  err?: NodeJS.WriteStream;
  spinner: boolean;
  c: Colors;
}

export function textReporter(o: TextReporterOptions): Reporter {
  const out = o.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = o.err ?? process.stderr;
  const c = o.c;
  let timer: NodeJS.Timeout | null = null;
  let current: { label: string; t0: number } | null = null;
  let frame = 0;
  const clear = () => {
    if (o.spinner && current) err.write('\r\x1b[2K');
  };
  const draw = () => {
    if (!o.spinner || !current) return;
    err.write(`\r\x1b[2K${c.cyan(FRAMES[frame++ % FRAMES.length]!)} ${current.label} ${c.dim(seconds(Date.now() - current.t0))}`);
  };
  const stopSpinner = () => {
    clear();
    if (timer) clearInterval(timer);
    timer = null;
  };
  const tag = (index: number, total: number) => c.dim(`[${index}/${total}]`);
  const line = (text: string) => {
    clear();
    out(text);
    draw();
  };
  return {
    pause: () => stopSpinner(),
    resume: () => {
      if (o.spinner && current && !timer) timer = setInterval(draw, 100);
    },
    event(e: ApplyEvent) {
      switch (e.type) {
        case 'run-started':
          line(c.bold(`${e.command} ${e.target}: ${e.steps} step(s)${e.resume ? ' (resuming)' : ''}`));
          break;
        case 'preflight':
          if (!e.ok || e.message.startsWith('warning:')) {
            clear();
            err.write(`${e.ok ? c.yellow('!') : c.red('✗')} ${e.message}\n`);
          }
          break;
        case 'step-started':
          if (o.spinner) {
            current = { label: `${tag(e.index, e.total)} ${e.description}`, t0: Date.now() };
            draw();
            timer = setInterval(draw, 100);
          } else out(`${tag(e.index, e.total)} ${e.description} …`);
          break;
        case 'step-finished': {
          stopSpinner();
          current = null;
          const mark = e.status === 'done' || e.status === 'destroyed' ? c.green('✓') : c.dim('•');
          const what = e.status === 'done' ? '' : c.dim(` (${e.note ?? e.status})`);
          out(`${mark} ${tag(e.index, e.total)} ${e.description}${what} ${c.dim(seconds(e.elapsedMs))}`);
          break;
        }
        case 'step-failed':
          stopSpinner();
          current = null;
          out(`${c.red('✗')} ${tag(e.index, e.total)} ${e.description} ${c.dim(seconds(e.elapsedMs))}`);
          out(`  ${c.red(e.error)}`);
          if (e.stderr.trim()) for (const l of e.stderr.trimEnd().split('\n').slice(-20)) out(c.dim(`  | ${l}`));
          break;
        case 'rollback-started':
          out(c.bold(`rolling back ${e.steps} step(s) of this run`));
          break;
        case 'step-rolled-back':
          out(`${c.yellow('↺')} ${e.how === 'undo' ? 'reverted' : 'undid'}: ${e.description} ${c.dim(seconds(e.elapsedMs))}`);
          break;
        case 'rollback-failed':
          out(`${c.red('✗')} could not undo: ${e.description}: ${e.error}`);
          break;
        case 'verified':
          stopSpinner();
          out(`${e.ok ? c.green('✓') : c.red('✗')} ${e.message}`);
          break;
        case 'interrupted':
          stopSpinner();
          current = null;
          out(c.yellow(e.message));
          break;
        case 'run-finished': {
          stopSpinner();
          const paint = e.status === 'applied' || e.status === 'unchanged' || e.status === 'destroyed' ? c.green : e.status === 'partial' || e.status === 'interrupted' ? c.yellow : c.red;
          out(`${paint(e.message)} ${c.dim(seconds(e.elapsedMs))}`);
          break;
        }
      }
    },
  };
}
