#!/usr/bin/env node
/**
 * Counts, over the TypeScript sources under src/, what makes code harder to take over: non-null
 * assertions (`x!`), casts (`x as T`, `<T>x`; `as const` is not a cast) and the longest functions.
 * Read with the TypeScript compiler's own parser, so comments and strings never count.
 *
 *   node scripts/code-metrics.mjs            the figures and the five longest functions
 *   node scripts/code-metrics.mjs --check    exit 1 when a figure is at or above its limit
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The limits the code stays under (issue 17). */
const LIMITS = { nonNull: 60, casts: 40, functionLines: 80 };

const repo = join(fileURLToPath(import.meta.url), '..', '..');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

function isConstAssertion(node) {
  return ts.isTypeReferenceNode(node.type) && node.type.typeName.getText() === 'const';
}

function isFunctionLike(node) {
  return ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node);
}

function measure(file) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out = { nonNull: 0, casts: 0, functions: [] };
  const lineOf = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node) => {
    if (ts.isNonNullExpression(node)) out.nonNull++;
    if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && !isConstAssertion(node)) out.casts++;
    if (isFunctionLike(node) && node.body) {
      const start = lineOf(node.getStart(sf));
      const name = node.name ? node.name.getText(sf) : '(anonymous)';
      out.functions.push({ lines: lineOf(node.end) - start + 1, where: `${relative(repo, file)}:${start}`, name });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const totals = { nonNull: 0, casts: 0, functions: [] };
for (const file of sourceFiles(join(repo, 'src'))) {
  const m = measure(file);
  totals.nonNull += m.nonNull;
  totals.casts += m.casts;
  totals.functions.push(...m.functions);
}
totals.functions.sort((a, b) => b.lines - a.lines || (a.where < b.where ? -1 : 1));
const longest = totals.functions[0]?.lines ?? 0;

console.log(`non-null assertions: ${totals.nonNull} (limit ${LIMITS.nonNull})`);
console.log(`casts: ${totals.casts} (limit ${LIMITS.casts})`);
console.log(`longest function: ${longest} lines (limit ${LIMITS.functionLines})`);
for (const f of totals.functions.slice(0, 5)) console.log(`  ${f.lines} lines  ${f.name}  ${f.where}`);

if (process.argv.includes('--check')) {
  const over = [totals.nonNull >= LIMITS.nonNull && 'non-null assertions', totals.casts >= LIMITS.casts && 'casts', longest >= LIMITS.functionLines && 'longest function'].filter(Boolean);
  if (over.length) {
    console.error(`code metrics: at or above the limit: ${over.join(', ')}`);
    process.exit(1);
  }
}
