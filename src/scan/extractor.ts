/**
 * The shape of an extractor (Renovate's managers): what it reads, the cheap text markers that make
 * a file worth parsing for it, and a pure `extract` over the parsed source. The registry
 * (`extractors.ts`) lists them; the scan derives its prefilter from their markers.
 */
import type { ModuleDef } from './elixir/ast.js';
import type { ConfigResolver } from './elixir/env-condition.js';
import type { Node } from './elixir/parser.js';
import type { ConfigCall, MixEnv } from './profile.js';

/** What a module extractor may know about the project while it reads one module. */
export interface ModuleContext {
  /** File of the module, relative to the scanned root. */
  file: string;
  /** Whole text of the file (for cheap checks; the module's syntax is in `mod`). */
  text: string;
  /** Root of the file's tree (for module-level attributes and aliases). */
  root: Node;
  /** The otp app of the Mix project that holds the file. */
  otpApp: string | null;
  /** Compile-time config lookups (`Application.compile_env(:app, :key)`) per environment. */
  resolve: ConfigResolver;
  /** Every config call gathered (compile time and runtime). */
  config: readonly ConfigCall[];
}

/** Reads one kind of module (endpoint, router, application…) out of lib/ sources. */
export interface ModuleExtractor<T> {
  readonly id: string;
  /** A lib file is parsed only when its text contains one of the registered markers. */
  readonly markers: readonly string[];
  /**
   * A finer test of the text, after a marker matched: false when the file cannot hold what the
   * extractor reads (so it is not parsed for it). It must never refuse a file `extract` would read.
   */
  readonly wants?: (text: string) => boolean;
  /** The first hit is all the facts need: once one is found, no more files are parsed for it. */
  readonly once?: boolean;
  /** Whether the module is one this extractor reads. */
  matches(mod: ModuleDef, ctx: ModuleContext): boolean;
  extract(mod: ModuleDef, ctx: ModuleContext): T | null;
}

export type { MixEnv };
