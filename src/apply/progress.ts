/**
 * Reporters for apply and destroy: a line per step with its elapsed time (a spinner on stderr while a
 * step runs, only on a terminal), plain lines otherwise, or one JSON event per line with --json.
 */
import { count } from '../model/plural.js';
import type { Colors } from '../model/colors.js';
import type { ApplyEvent, Reporter } from './events.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

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

/** The running step's line on stderr, redrawn every 100 ms (only when enabled: a terminal). */
class Spinner {
  private timer: NodeJS.Timeout | null = null;
  private current: { label: string; t0: number } | null = null;
  private frame = 0;

  constructor(
    private readonly enabled: boolean,
    private readonly err: NodeJS.WriteStream,
    private readonly c: Colors,
  ) {}

  clear(): void {
    if (this.enabled && this.current) this.err.write('\r\x1b[2K');
  }

  readonly draw = (): void => {
    if (!this.enabled || !this.current) return;
    const mark = FRAMES[this.frame++ % FRAMES.length] ?? FRAMES[0];
    this.err.write(`\r\x1b[2K${this.c.cyan(mark)} ${this.current.label} ${this.c.dim(seconds(Date.now() - this.current.t0))}`);
  };

  start(label: string): void {
    this.current = { label, t0: Date.now() };
    this.draw();
    this.timer = setInterval(this.draw, 100);
  }

  /** Stops drawing (and clears the line); the step is still current. */
  stop(): void {
    this.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The step ended: stop and forget it. */
  end(): void {
    this.stop();
    this.current = null;
  }

  resume(): void {
    if (this.enabled && this.current && !this.timer) this.timer = setInterval(this.draw, 100);
  }
}

const tag = (c: Colors, index: number, total: number) => c.dim(`[${index}/${total}]`);

/** What an event prints on stdout, line by line (the preflight's lines go to stderr). Pure. */
export function eventLines(e: ApplyEvent, c: Colors): string[] {
  switch (e.type) {
    case 'run-started':
      return [c.bold(`${e.command} ${e.target}: ${count(e.steps, 'step')}${e.resume ? ' (resuming)' : ''}`)];
    case 'preflight':
      return !e.ok || e.message.startsWith('warning:') ? [`${e.ok ? c.yellow('!') : c.red('✗')} ${e.message}`] : [];
    case 'step-started':
      return [`${tag(c, e.index, e.total)} ${e.description} …`];
    case 'step-finished': {
      const mark = e.status === 'done' || e.status === 'destroyed' ? c.green('✓') : c.dim('•');
      const what = e.status === 'done' ? '' : c.dim(` (${e.note ?? e.status})`);
      return [`${mark} ${tag(c, e.index, e.total)} ${e.description}${what} ${c.dim(seconds(e.elapsedMs))}`];
    }
    case 'step-failed': {
      const stderr = e.stderr.trim() ? e.stderr.trimEnd().split('\n').slice(-20).map((l) => c.dim(`  | ${l}`)) : [];
      return [`${c.red('✗')} ${tag(c, e.index, e.total)} ${e.description} ${c.dim(seconds(e.elapsedMs))}`, `  ${c.red(e.error)}`, ...stderr];
    }
    case 'rollback-started':
      return [c.bold(`rolling back ${count(e.steps, 'step')} of this run`)];
    case 'step-rolled-back':
      return [`${c.yellow('↺')} ${e.how === 'undo' ? 'reverted' : 'undid'}: ${e.description} ${c.dim(seconds(e.elapsedMs))}`];
    case 'rollback-failed':
      return [`${c.red('✗')} could not undo: ${e.description}: ${e.error}`];
    case 'verified':
      return [`${e.ok ? c.green('✓') : c.red('✗')} ${e.message}`];
    case 'interrupted':
      return [c.yellow(e.message)];
    case 'run-finished': {
      const paint = e.status === 'applied' || e.status === 'unchanged' || e.status === 'destroyed' ? c.green : e.status === 'partial' || e.status === 'interrupted' ? c.yellow : c.red;
      return [`${paint(e.message)} ${c.dim(seconds(e.elapsedMs))}`];
    }
  }
}

/** What an event does to the spinner before its lines print. */
const SPINNER_BEFORE: Partial<Record<ApplyEvent['type'], 'end' | 'stop'>> = {
  'step-finished': 'end',
  'step-failed': 'end',
  interrupted: 'end',
  verified: 'stop',
  'run-finished': 'stop',
};

export function textReporter(o: TextReporterOptions): Reporter {
  const out = o.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = o.err ?? process.stderr;
  const spinner = new Spinner(o.spinner, err, o.c);
  return {
    pause: () => spinner.stop(),
    resume: () => spinner.resume(),
    event(e: ApplyEvent) {
      const lines = eventLines(e, o.c);
      if (e.type === 'preflight') {
        if (lines.length) spinner.clear();
        for (const l of lines) err.write(`${l}\n`);
      } else if (e.type === 'step-started' && o.spinner) {
        spinner.start(`${tag(o.c, e.index, e.total)} ${e.description}`);
      } else if (e.type === 'run-started') {
        spinner.clear();
        for (const l of lines) out(l);
        spinner.draw();
      } else {
        const before = SPINNER_BEFORE[e.type];
        if (before) spinner[before]();
        for (const l of lines) out(l);
      }
    },
  };
}
