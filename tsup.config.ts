import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  // Not `clean`: a build must never leave a window where dist/ is empty under a running CLI.
  clean: false,
  splitting: true,
  dts: false,
  // The pure-JS dependencies are bundled into dist/: one module graph to load instead of hundreds of
  // small files (and no CommonJS export sniffing at start-up). The tree-sitter packages stay
  // external: they find their .wasm / .node files next to their own modules.
  noExternal: ['yaml', '@swimlane/docker-reference', 'smol-toml', 'commander', 'picocolors', 'diff', 'ignore', 'tinyglobby', 'eta', '@clack/prompts', 'ws', 'htmlparser2', 'set-cookie-parser', 'zod', 'ajv', 'fastest-levenshtein', '@balena/dockerignore', 'picomatch', 'markdown-it'],
  external: ['web-tree-sitter', 'tree-sitter', 'tree-sitter-elixir'],
  // Bundled CommonJS calls require() for Node's own modules.
  banner: { js: "import { createRequire as __phxCreateRequire } from 'node:module'; const require = __phxCreateRequire(import.meta.url);" },
});
