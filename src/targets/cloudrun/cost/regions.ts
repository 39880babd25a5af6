/** Cloud Run regions by price tier (./prices.json holds the Tier 1 figures). */

/**
 * Cloud Run regions billed at Tier 1 rates. Other regions cost more; the estimator warns and
 * uses Tier 1 figures for them.
 */
export const cloudRunTier1Regions: readonly string[] = [
  'us-central1', 'us-east1', 'us-east4', 'us-west1',
  'europe-west1', 'europe-west4', 'europe-north1',
  'asia-east1', 'asia-northeast1', 'asia-northeast2',
];
