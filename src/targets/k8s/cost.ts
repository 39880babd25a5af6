/**
 * How cost prices the k8s target: as Google Kubernetes Engine, its databases and Redis as Cloud SQL and
 * Memorystore from Google Cloud's table (listed by scripts/gen-targets-index.mjs).
 */
import type { TargetPricing } from '../../cost/target-pricing.js';
import { gcpTable } from '../cloudrun/cost/price.js';
import { priceKubernetes, priceKubernetesEgress, type KubernetesResource, kubernetesTable } from './cost/price.js';

export const pricing = {
  order: 3,
  provider: 'kubernetes',
  tables: [kubernetesTable, gcpTable],
  kinds: {
    'k8s-workload': 'Kubernetes compute',
    'k8s-load-balancer': 'Load balancer',
    'k8s-database': 'Database',
    'k8s-redis': 'Redis',
  },
  price: priceKubernetes,
  egress: priceKubernetesEgress,
} satisfies TargetPricing<KubernetesResource['kind']>;
