/** Terminal helpers: color only on a TTY and never with NO_COLOR; progress lines on stderr. */
import pc from 'picocolors';

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY;
}

export function colors(enabled: boolean) {
  return pc.createColors(enabled);
}

export type { Colors } from '../model/colors.js';

/** A progress line on stderr when it is a terminal (never pollutes --json output on stdout). */
export function progress(message: string): void {
  if (process.stderr.isTTY && !process.env.CI) process.stderr.write(`${pc.dim('…')} ${message}\n`);
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A message for people on stderr (keeps stdout for results). */
export function printErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
