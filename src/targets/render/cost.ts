/** How cost prices the render target: Render's table and the Render resource kinds (listed by scripts/gen-targets-index.mjs). */
import type { TargetPricing } from '../../cost/target-pricing.js';
import { priceRender, priceRenderEgress, type RenderResource, renderTable } from './cost/price.js';

export const pricing = {
  order: 21,
  provider: 'render',
  tables: [renderTable],
  kinds: {
    'render-service': 'Render web services',
    'render-disk': 'Render disks',
    'render-postgres': 'Render Postgres',
    'render-keyvalue': 'Render Key Value',
  },
  price: priceRender,
  egress: priceRenderEgress,
} satisfies TargetPricing<RenderResource['kind']>;
