/**
 * Reads a price table data file (src/targets/<id>/cost/prices.json, imported as a JSON module):
 * checks it against the shape of ./price-table.ts and returns it typed, with the entry ids of the
 * JSON module type kept, so a price refers to an entry by a key the compiler checks.
 */
// zod/mini, as in scan/extract/deploy-schemas.ts: the chainable `zod` is ten times the code to load
// (a 650 KB chunk compiled on every `plan` and `generate`) for the same checks and messages.
import * as z from 'zod/mini';
import english from 'zod/v4/locales/en.js';
import type { PriceBasis, PriceEntry, PriceProvider, PriceTable } from './price-table.js';

const BASES = ['hour', 'second', 'month', 'month-30d', 'month-capped', 'usage', 'multiplier'] as const satisfies readonly PriceBasis[];
type Assert<T extends true> = T;
/** A compile error here names a basis the schema below does not accept. */
export type EveryBasisListed = Assert<[Exclude<PriceBasis, (typeof BASES)[number]>] extends [never] ? true : false>;

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'));
const httpsUrl = z.url({ protocol: /^https$/, error: 'expected an https URL' });
const text = z.string().check(z.minLength(1));

const entrySchema = z.strictObject({
  id: text,
  description: text,
  unit: text,
  basis: z.enum(BASES),
  value: z.number().check(z.nonnegative()),
  region: z.optional(text),
  specs: z.optional(z.record(z.string(), z.union([z.number(), z.string()]))),
  note: z.optional(text),
  source: httpsUrl,
  asOf: isoDate,
});

/** The table schema for `provider`'s data file, whose entries are keyed by `K` (each key checked against `ids`). */
function tableSchema<P extends PriceProvider, K extends string>(provider: P, ids: Readonly<Record<K, unknown>>) {
  const entryId = z.custom<K>((key) => typeof key === 'string' && Object.hasOwn(ids, key), 'not an entry of this file');
  return z.strictObject({
    provider: z.literal(provider),
    title: text,
    currency: z.literal('USD'),
    asOf: isoDate,
    about: z.array(text).check(z.minLength(1)),
    sources: z.array(httpsUrl).check(z.minLength(1)),
    entries: z.record(entryId, entrySchema).check(
      z.superRefine((entries, ctx) => {
        const byKey: Readonly<Record<string, { id: string }>> = entries;
        for (const [key, entry] of Object.entries(byKey)) {
          if (entry.id !== key) ctx.addIssue({ code: 'custom', path: [key, 'id'], message: `expected "${key}", the key the entry is stored under` });
        }
      }),
    ),
  });
}

/** `P`'s table, its entries keyed by the ids `K` of its data file. */
export type LoadedPriceTable<P extends PriceProvider, K extends string> = Omit<PriceTable, 'provider' | 'entries'> & {
  provider: P;
  entries: Readonly<Record<K, PriceEntry>>;
};

/**
 * `provider`'s price table in `json` (the parsed contents of `file`, a path named in errors), checked;
 * the file must name the same provider.
 * Throws with one line per problem, each naming the file and the field, e.g.
 * `src/targets/fly/cost/prices.json: entries.ram-per-gb.value: Invalid input: expected number, received string`.
 */
export function loadPriceTable<P extends PriceProvider, K extends string>(
  provider: P,
  json: { entries: Record<K, unknown> },
  file: string,
): LoadedPriceTable<P, K> {
  // English messages for this parse only (zod/mini loads no locale; a global one would change other documents' messages).
  const parsed = tableSchema(provider, json.entries).safeParse(json, { error: english().localeError });
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `${file}: ${issue.path.map(String).join('.') || '(table)'}: ${issue.message}`).join('\n'));
  }
  return parsed.data;
}
