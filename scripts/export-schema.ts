/**
 * Writes docs/phoenix-ops.schema.json from src/model/config-schema.ts.
 *   npx tsx scripts/export-schema.ts          write the file
 *   npx tsx scripts/export-schema.ts --check  exit 1 when the committed file is out of date
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderSchemaJson } from '../src/model/config-schema.js';

const out = fileURLToPath(new URL('../docs/phoenix-ops.schema.json', import.meta.url));
const json = renderSchemaJson();

if (process.argv.includes('--check')) {
  const current = await readFile(out, 'utf8').catch(() => '');
  if (current !== json) {
    process.stderr.write('docs/phoenix-ops.schema.json is out of date; run `npx tsx scripts/export-schema.ts`\n');
    process.exit(1);
  }
  process.stdout.write('docs/phoenix-ops.schema.json is up to date\n');
} else {
  await writeFile(out, json);
  process.stdout.write(`wrote ${out}\n`);
}
