/** How cost prices the cloudrun target: Google Cloud's table and the Cloud Run resource kinds (listed by scripts/gen-targets-index.mjs). */
import type { TargetPricing } from '../../cost/target-pricing.js';
import { priceGcp, priceGcpEgress, type GcpResource, gcpTable } from './cost/price.js';

export const pricing = {
  order: 2,
  provider: 'gcp',
  tables: [gcpTable],
  kinds: {
    'cloudrun-service': 'Cloud Run services',
    'cloudrun-job': 'Cloud Run jobs',
    cloudsql: 'Cloud SQL',
    memorystore: 'Memorystore (Redis)',
    'artifact-registry': 'Artifact Registry',
    'secret-manager': 'Secret Manager',
    'gcs-bucket': 'Cloud Storage',
  },
  price: priceGcp,
  egress: priceGcpEgress,
} satisfies TargetPricing<GcpResource['kind']>;
