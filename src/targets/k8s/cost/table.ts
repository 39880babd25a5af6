/**
 * Kubernetes prices (USD): Google Kubernetes Engine in us-central1, Autopilot or a Standard
 * cluster with an E2 node pool. Databases and Redis for the Kubernetes target are priced from the
 * Cloud SQL and Memorystore entries of the Google Cloud table.
 */
import type { PriceEntry, PriceTable } from '../../../cost/price-table.js';

const AS_OF = '2026-11-22';
const GKE = 'https://cloud.google.com/kubernetes-engine/pricing';
const VMS = 'https://cloud.google.com/compute/vm-instance-pricing';
const DISKS = 'https://cloud.google.com/compute/disks-image-pricing';
const NETWORK = 'https://cloud.google.com/vpc/network-pricing';

type Fields = Omit<PriceEntry, 'id' | 'source' | 'asOf'>;
const at =
  (source: string) =>
  <I extends string>(id: I, fields: Fields): PriceEntry & { id: I } => ({ id, source, asOf: AS_OF, ...fields });
const gke = at(GKE);
const vm = at(VMS);

const entries = {
  'autopilot-vcpu-hour': gke('autopilot-vcpu-hour', {
    description: 'GKE Autopilot general-purpose Pod, per requested vCPU',
    unit: 'vCPU-hour',
    basis: 'hour',
    value: 0.0445,
    region: 'us-central1',
  }),
  'autopilot-memory-gib-hour': gke('autopilot-memory-gib-hour', {
    description: 'GKE Autopilot general-purpose Pod, per requested GiB of memory',
    unit: 'GiB-hour',
    basis: 'hour',
    value: 0.0049225,
    region: 'us-central1',
  }),
  'autopilot-ephemeral-gib-hour': gke('autopilot-ephemeral-gib-hour', {
    description: 'GKE Autopilot general-purpose Pod, per requested GiB of ephemeral storage',
    unit: 'GiB-hour',
    basis: 'hour',
    value: 0.0000548,
    region: 'us-central1',
    note: 'estimate: the search material confirmed the vCPU and memory rates but not this one; figure as Google has listed it for us-central1',
  }),
  'cluster-fee-hour': gke('cluster-fee-hour', {
    description: 'GKE cluster management fee, per cluster (Autopilot or Standard)',
    unit: 'cluster-hour',
    basis: 'hour',
    value: 0.1,
    specs: { freeCreditPerMonth: 74.4 },
  }),
  'node-e2-medium': vm('node-e2-medium', {
    description: 'Compute Engine e2-medium node (2 shared vCPUs bursting, 1 vCPU sustained, 4 GB)',
    unit: 'node-hour',
    basis: 'hour',
    value: 0.03350571,
    region: 'us-central1',
    specs: { vcpu: 1, memoryGib: 4 },
  }),
  'node-e2-standard-2': vm('node-e2-standard-2', {
    description: 'Compute Engine e2-standard-2 node (2 vCPUs, 8 GB)',
    unit: 'node-hour',
    basis: 'hour',
    value: 0.06701142,
    region: 'us-central1',
    specs: { vcpu: 2, memoryGib: 8 },
  }),
  'node-e2-standard-4': vm('node-e2-standard-4', {
    description: 'Compute Engine e2-standard-4 node (4 vCPUs, 16 GB)',
    unit: 'node-hour',
    basis: 'hour',
    value: 0.13402284,
    region: 'us-central1',
    specs: { vcpu: 4, memoryGib: 16 },
  }),
  'node-e2-standard-8': vm('node-e2-standard-8', {
    description: 'Compute Engine e2-standard-8 node (8 vCPUs, 32 GB)',
    unit: 'node-hour',
    basis: 'hour',
    value: 0.26804568,
    region: 'us-central1',
    specs: { vcpu: 8, memoryGib: 32 },
  }),
  'node-boot-disk-gb-month': at(DISKS)('node-boot-disk-gb-month', {
    description: 'Balanced persistent disk (pd-balanced), the default node boot disk',
    unit: 'GB-month',
    basis: 'month',
    value: 0.1,
    region: 'us-central1',
  }),
  'lb-forwarding-rule-hour': at(NETWORK)('lb-forwarding-rule-hour', {
    description: 'External load balancer forwarding rule (the hourly charge covers up to five rules)',
    unit: 'rule-hour',
    basis: 'hour',
    value: 0.025,
    specs: { rulesIncluded: 5 },
  }),
  'egress-internet-gb': at(NETWORK)('egress-internet-gb', {
    description: 'Premium-tier data sent to the internet (first band of monthly volume)',
    unit: 'GB',
    basis: 'usage',
    value: 0.12,
    specs: { freeGb: 1 },
    note: 'first 1 GiB per month from North America is free; later volume bands are cheaper and not modeled',
  }),
} satisfies Record<string, PriceEntry>;

export const kubernetesTable = {
  provider: 'kubernetes',
  title: 'Kubernetes (GKE)',
  currency: 'USD',
  asOf: AS_OF,
  sources: [GKE, VMS, DISKS, NETWORK],
  entries,
} as const satisfies PriceTable;

export type KubernetesEntryId = keyof typeof entries;
