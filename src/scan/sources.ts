/**
 * The files of one scan and everything read from them, each at most once: text is read once,
 * Elixir is parsed once (trees are freed together at the end), and every read or parse is counted
 * for `facts.stats`.
 */
import { performance } from 'node:perf_hooks';
import { collectSuppressions } from './elixir/suppressions.js';
import { parseWith, type Backend, type Node } from './elixir/parser.js';
import { readText, type FileEntry, type Warnings } from './files.js';
import type { Facts, Suppression } from './profile.js';

export interface ParsedFile {
  rel: string;
  text: string;
  root: Node;
}

export class Sources {
  readonly suppressions: Suppression[] = [];
  readonly stats: Facts['stats'] = { filesSeen: 0, filesRead: 0, bytesRead: 0, filesParsed: 0, bytesParsed: 0, ms: 0, phases: {} };
  private phaseStart = performance.now();

  /** Records the time since the previous mark under `name` (for `npm run bench` and profiling). */
  mark(name: string): void {
    const now = performance.now();
    this.stats.phases[name] = Math.round((now - this.phaseStart) * 10) / 10;
    this.phaseStart = now;
  }
  private readonly texts = new Map<string, string | null>();
  private readonly parsed = new Map<string, ParsedFile | null>();
  private readonly trees: { delete?(): void }[] = [];
  private readonly byRel: Map<string, FileEntry>;

  constructor(
    readonly files: readonly FileEntry[],
    readonly warnings: Warnings,
    private readonly backend: Backend,
  ) {
    this.stats.filesSeen = files.length;
    this.byRel = new Map(files.map((f) => [f.rel, f]));
  }

  get(rel: string): FileEntry | undefined {
    return this.byRel.get(rel);
  }

  /** The file's text (null when unreadable, binary or too large; a warning says why). */
  text(f: FileEntry): string | null {
    const known = this.texts.get(f.rel);
    if (known !== undefined) return known;
    const t = readText(f.abs, f.rel, this.warnings);
    this.texts.set(f.rel, t);
    if (t !== null) {
      this.stats.filesRead += 1;
      this.stats.bytesRead += t.length;
    }
    return t;
  }

  /** The file parsed as Elixir, once per scan; null when it cannot be read or parsed. */
  parse(f: FileEntry): ParsedFile | null {
    const known = this.parsed.get(f.rel);
    if (known !== undefined) return known;
    const p = this.doParse(f);
    this.parsed.set(f.rel, p);
    return p;
  }

  /** Parses Elixir code derived from a file (the code of an EEx template); freed with the rest. */
  parseCode(rel: string, code: string): Node | null {
    try {
      const parsed = parseWith(this.backend, code);
      this.trees.push(parsed.tree);
      this.stats.filesParsed += 1;
      this.stats.bytesParsed += code.length;
      return parsed.root;
    } catch (e) {
      this.warnings.add('parse-error', `could not parse the code of ${rel}: ${e instanceof Error ? e.message : String(e)}`, rel);
      return null;
    }
  }

  isParsed(rel: string): boolean {
    return this.parsed.has(rel);
  }

  private doParse(f: FileEntry): ParsedFile | null {
    const text = this.text(f);
    if (text === null) return null;
    let parsed;
    try {
      parsed = parseWith(this.backend, text);
    } catch (e) {
      this.warnings.add('parse-error', `could not parse ${f.rel}: ${e instanceof Error ? e.message : String(e)}`, f.rel);
      return null;
    }
    this.trees.push(parsed.tree);
    this.stats.filesParsed += 1;
    this.stats.bytesParsed += text.length;
    if (parsed.errorLine !== null) this.warnings.add('parse-error', `${f.rel}:${parsed.errorLine}: syntax error; read what could be recovered`, f.rel);
    collectSuppressions(parsed.root, f.rel, text, this.suppressions);
    return { rel: f.rel, text, root: parsed.root };
  }

  /** Frees every tree parsed in this scan. */
  dispose(): void {
    for (const t of this.trees.splice(0)) t.delete?.();
  }
}
