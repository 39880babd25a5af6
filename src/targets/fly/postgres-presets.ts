/**
 * Unmanaged Fly Postgres presets offered by `fly postgres create`: a cluster is plain machines
 * plus one volume per node. The pricing page quotes ~$2/month (development) and ~$82–$164/month
 * (the two production presets) at its earlier machine prices, which these sizes reproduce.
 */
export interface FlyPostgresPreset {
  nodes: number;
  cpuKind: 'shared' | 'performance';
  cpus: number;
  memoryMb: number;
  volumeGb: number;
}

/** The preset used when database.plan names none of them. */
export const FLY_POSTGRES_DEVELOPMENT: FlyPostgresPreset = { nodes: 1, cpuKind: 'shared', cpus: 1, memoryMb: 256, volumeGb: 1 };

export const flyUnmanagedPostgresPresets: Readonly<Record<string, FlyPostgresPreset>> = {
  development: FLY_POSTGRES_DEVELOPMENT,
  production: { nodes: 3, cpuKind: 'shared', cpus: 2, memoryMb: 4096, volumeGb: 40 },
  'production-large': { nodes: 3, cpuKind: 'shared', cpus: 4, memoryMb: 8192, volumeGb: 80 },
};
