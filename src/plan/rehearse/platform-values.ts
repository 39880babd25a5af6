/**
 * Values a rehearsal gives the variables a target's platform sets in every instance (the names are each
 * target's `platformEnv`): shaped like the platform's own (an IPv6 6PN address on Fly, a pod IP…).
 */
export interface PlatformContext {
  app: string;
  region: string | null;
  port: number | null;
}

const VALUES: Record<string, (c: PlatformContext) => string> = {
  FLY_APP_NAME: (c) => c.app,
  FLY_REGION: (c) => c.region ?? 'iad',
  PRIMARY_REGION: (c) => c.region ?? 'iad',
  FLY_PRIVATE_IP: () => 'fdaa:0:1:a7b:1::2',
  FLY_PUBLIC_IP: () => '2a09:8280:1::1',
  FLY_IMAGE_REF: (c) => `registry.fly.io/${c.app}:deployment-01`,
  FLY_MACHINE_ID: () => '148ed123a45678',
  FLY_ALLOC_ID: () => '148ed123a45678',
  FLY_MACHINE_VERSION: () => '01',
  FLY_PROCESS_GROUP: () => 'app',
  FLY_VM_MEMORY_MB: () => '1024',
  HOSTNAME: (c) => `${c.app}-0`,
  POD_IP: () => '10.0.0.7',
  POD_NAMESPACE: (c) => c.app,
  PORT: (c) => String(c.port ?? 8080),
  K_SERVICE: (c) => c.app,
  K_REVISION: (c) => `${c.app}-00001-abc`,
  K_CONFIGURATION: (c) => c.app,
};

export function platformValues(names: readonly string[], c: PlatformContext): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, VALUES[n]?.(c) ?? 'rehearsal']));
}
