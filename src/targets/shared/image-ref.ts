/**
 * Container image references (`ghcr.io/acme/app:1.2`, `registry:5000/team/app@sha256:…`, `app`), read with
 * @swimlane/docker-reference, a port of the grammar Docker itself uses (distribution/reference): a
 * registry port is not a tag, a digest may follow a tag, and the registry is the first component only
 * when it looks like a host (a dot, a port or `localhost`), else Docker Hub.
 */
import { parseFamiliarName, parseQualifiedName } from '@swimlane/docker-reference';

export interface ImageRef {
  /** The reference without tag and digest, as written (`ghcr.io/acme/app`, `app`). */
  name: string;
  tag: string | null;
  digest: string | null;
  /** The registry host images are pushed to and logged in at (`docker.io` for Docker Hub names). */
  registry: string;
}

/** The reference, or why it is not one (Docker refuses it: upper case, spaces…). */
export function parseImageRef(ref: string): ImageRef | { error: string } {
  try {
    const parsed = parseQualifiedName(ref);
    const tag = parsed.tag ?? null;
    const digest = parsed.digest ?? null;
    const suffix = (tag === null ? 0 : tag.length + 1) + (digest === null ? 0 : digest.length + 1);
    return { name: ref.slice(0, ref.length - suffix), tag, digest, registry: parseFamiliarName(ref).domain ?? 'docker.io' };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The registry host of a reference. Host names are case-insensitive, so a placeholder such as
 * `ghcr.io/OWNER/app` still names its registry; a reference that is no reference at all names none.
 */
export function registryOf(ref: string): string | null {
  const parsed = parseImageRef(ref.toLowerCase());
  return 'error' in parsed ? null : parsed.registry;
}

/** The reference's repository with another tag (a digest or tag in `ref` is dropped): where apply pushes the image it built. */
export function withTag(ref: string, tag: string): string {
  const parsed = parseImageRef(ref);
  return `${'error' in parsed ? ref : parsed.name}:${tag}`;
}
