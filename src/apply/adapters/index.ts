/** One adapter per target apply can run; the others (docker, github-actions) only generate files. */
import type { Adapter } from '../adapter.js';
import { cloudrunAdapter } from './cloudrun.js';
import { composeAdapter } from './compose.js';
import { flyAdapter } from './fly.js';
import { k8sAdapter } from './k8s.js';
import { systemdAdapter } from './systemd.js';

export const adapters: Readonly<Record<string, Adapter>> = {
  fly: flyAdapter,
  cloudrun: cloudrunAdapter,
  k8s: k8sAdapter,
  systemd: systemdAdapter,
  compose: composeAdapter,
};

export const APPLY_TARGETS = Object.keys(adapters);
