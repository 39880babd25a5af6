/**
 * Which files git ignores, from every .gitignore in the tree (the `ignore` package implements git's
 * matching rules). Used to tell a local, ignored `.env` from one committed with the code.
 */
import type { Ignore } from 'ignore';
import { readText, type FileEntry, type Warnings } from './files.js';

export async function gitignoreMatcher(files: readonly FileEntry[], warnings: Warnings): Promise<(rel: string) => boolean> {
  const rules: { dir: string; ig: Ignore }[] = [];
  const ignore = (await import('ignore')).default;
  for (const f of files) {
    if (!f.rel.endsWith('.gitignore') || !(f.rel === '.gitignore' || f.rel.endsWith('/.gitignore'))) continue;
    const text = readText(f.abs, f.rel, warnings);
    if (text === null) continue;
    rules.push({ dir: f.rel.slice(0, -'.gitignore'.length), ig: ignore().add(text) });
  }
  return (rel: string) => rules.some(({ dir, ig }) => rel.startsWith(dir) && ig.ignores(rel.slice(dir.length)));
}
