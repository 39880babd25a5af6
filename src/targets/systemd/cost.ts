/** How cost prices the systemd target: a VPS and its managed services, from the VPS table (listed by scripts/gen-targets-index.mjs). */
import type { TargetPricing } from '../../cost/target-pricing.js';
import { priceVps, priceVpsEgress, type VpsResource, vpsTable } from './cost/price.js';

export const pricing = {
  order: 4,
  provider: 'vps',
  tables: [vpsTable],
  kinds: {
    vps: 'Servers',
    'vps-database': 'Managed database',
    'vps-redis': 'Managed Redis',
  },
  price: priceVps,
  egress: priceVpsEgress,
} satisfies TargetPricing<VpsResource['kind']>;
