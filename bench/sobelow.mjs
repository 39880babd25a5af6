#!/usr/bin/env node
// `npm run bench:sobelow -- --sobelow <path to a sobelow escript>`: phoenix-ops `audit` side by side
// with Sobelow's config checks on the corpus apps with the most .ex/.exs files (issue 22's ratio).
// A = `sobelow --format json --private -i XSS,SQL,Traversal,RCE,Misc,CI,DOS,Vuln` in the app's
// Phoenix root (the folder of the `mix.exs` above the file that defines the truth's router module),
// B = `phoenix-ops audit --format json` on the app (cold, no cache). Each app is copied under
// bench/.work/sobelow (git-ignored; .git, _build, deps and node_modules left out), each command runs
// once untimed, then A B A B … `--runs` times (default 5); the table gives the median wall ms.
// Sobelow is built outside the repository (BENCHMARKS.md says how). Options: --apps N (default 8),
// --runs N, --cli <bin/phoenix-ops.js of another checkout>.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argOf = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sobelow = argOf('--sobelow');
const cli = argOf('--cli', join(root, 'bin', 'phoenix-ops.js'));
const runs = Math.max(1, Number(argOf('--runs', 5)));
const count = Math.max(1, Number(argOf('--apps', 8)));
const corpus = join(root, '..', 'shared', 'corpus');
if (!sobelow || !existsSync(sobelow)) {
  process.stderr.write('bench:sobelow: give the Sobelow escript with --sobelow <path> (BENCHMARKS.md says how to build it)\n');
  process.exit(2);
}
if (!existsSync(join(corpus, 'truth.json'))) {
  process.stderr.write(`bench:sobelow: no corpus at ${corpus}\n`);
  process.exit(2);
}

const SKIP = new Set(['.git', '_build', 'deps', 'node_modules']);

/** Every file under `dir`, outside the folders a build makes. */
function files(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const isElixir = (p) => p.endsWith('.ex') || p.endsWith('.exs');

/** The folder of the mix project whose lib defines `router` (`.` when none does). */
function phoenixRoot(dir, router) {
  if (!router) return '.';
  const defines = new RegExp(`defmodule\\s+${router.replaceAll('.', '\\.')}\\b`);
  const file = files(dir).find((p) => p.endsWith('.ex') && !p.includes('/test/') && defines.test(readFileSync(p, 'utf8')));
  if (!file) return '.';
  let d = dirname(file);
  while (d.length > dir.length && !existsSync(join(d, 'mix.exs'))) d = dirname(d);
  return relative(dir, d) || '.';
}

function timed(cmd, args, cwd) {
  const started = process.hrtime.bigint();
  spawnSync(cmd, args, { cwd, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const truth = JSON.parse(readFileSync(join(corpus, 'truth.json'), 'utf8'));
const apps = truth
  .map((a) => {
    const name = a.repo.replace('/', '+');
    const src = join(corpus, 'apps', name, a.root ?? '.');
    return { name, src, router: a.router_module ?? null, elixirFiles: files(src).filter(isElixir).length };
  })
  .sort((a, b) => b.elixirFiles - a.elixirFiles || a.name.localeCompare(b.name))
  .slice(0, count);

const work = join(root, 'bench', '.work', 'sobelow');
rmSync(work, { recursive: true, force: true });
const A = ['--format', 'json', '--private', '-i', 'XSS,SQL,Traversal,RCE,Misc,CI,DOS,Vuln'];
console.log(`Sobelow ${sobelow} (A) against ${cli} audit --format json (B): ${runs} runs each, A B A B …, median wall ms\n`);
console.log('| app | .ex/.exs files | Phoenix root | Sobelow config-only ms | phoenix-ops audit ms | ratio | Sobelow runs | phoenix-ops runs |');
console.log('|---|---:|---|---:|---:|---:|---|---|');
const ratios = [];
for (const app of apps) {
  const copy = join(work, app.name);
  cpSync(app.src, copy, { recursive: true, verbatimSymlinks: true, filter: (p) => !SKIP.has(basename(p)) });
  const proot = phoenixRoot(copy, app.router);
  const web = join(copy, proot);
  const B = [cli, 'audit', '--format', 'json', copy];
  timed(sobelow, A, web);
  timed(process.execPath, B, copy);
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(timed(sobelow, A, web));
    b.push(timed(process.execPath, B, copy));
  }
  const ratio = median(b) / median(a);
  ratios.push(ratio);
  const ms = (xs) => xs.map((x) => x.toFixed(0)).join(' ');
  console.log(`| ${app.name} | ${app.elixirFiles} | ${proot} | ${median(a).toFixed(0)} | ${median(b).toFixed(0)} | ${ratio.toFixed(2)} | ${ms(a)} | ${ms(b)} |`);
}
console.log(`\nratio (phoenix-ops / Sobelow): median ${median(ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)} (goal: median ≤ 0.2, every app ≤ 0.35)`);
