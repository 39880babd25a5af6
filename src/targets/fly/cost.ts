/** How cost prices the fly target: Fly.io's table and the Fly resource kinds (listed by scripts/gen-targets-index.mjs). */
import type { TargetPricing } from '../../cost/target-pricing.js';
import { priceFly, priceFlyEgress, type FlyResource, flyTable } from './cost/price.js';

export const pricing = {
  order: 1,
  provider: 'fly',
  tables: [flyTable],
  kinds: {
    'fly-machine': 'Fly machines',
    'fly-volume': 'Fly volumes',
    'fly-postgres': 'Fly Postgres',
    'fly-redis': 'Upstash Redis',
    'fly-tigris': 'Tigris storage',
    'fly-ipv4': 'IPv4 addresses',
  },
  price: priceFly,
  egress: priceFlyEgress,
} satisfies TargetPricing<FlyResource['kind']>;
