/** How cost prices the gigalixir target: Gigalixir's table and its resource kinds (listed by scripts/gen-targets-index.mjs). */
import type { TargetPricing } from '../../cost/target-pricing.js';
import { priceGigalixir, priceGigalixirEgress, type GigalixirResource, gigalixirTable } from './cost/price.js';

export const pricing = {
  order: 22,
  provider: 'gigalixir',
  tables: [gigalixirTable],
  kinds: {
    'gigalixir-replica': 'Gigalixir replicas',
    'gigalixir-postgres': 'Gigalixir Postgres',
  },
  price: priceGigalixir,
  egress: priceGigalixirEgress,
} satisfies TargetPricing<GigalixirResource['kind']>;
