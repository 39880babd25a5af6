/**
 * Known `node:<version>-<debian>-slim` images (the official Node.js images, nodejs/docker-node), as
 * dated data: for each Node major, the Debian releases it was published on and the range of its
 * versions each one covers. phoenix-ops has no network at plan time, so the node stage's tag is
 * chosen from this table and never glued from a pin: `node:18.14.0-bookworm-slim` never existed
 * (Node 18 got bookworm images only from mid-2023), `node:18.14.0-bullseye-slim` did.
 *
 * How the ranges were set (2026-12-07): docker-node publishes every release of a line on each Debian
 * variant the line lists at that time (versions.json), so a variant covers a contiguous range of
 * versions. Bullseye variants were added in August 2021, bookworm in June 2023
 * (https://github.com/nodejs/docker-node/pull/1881), trixie in August 2025; a `first` is the first
 * release made after the variant was added, taken on the late side (a real tag may be reported as
 * unknown, an invented one never passes). `last` is the line's final release (end of life); an open
 * line has none. Releases of open lines newer than this table are taken to exist on its variants.
 *
 * To add a line or a variant: check the tags at https://hub.docker.com/_/node/tags?name=<major>-<debian>-slim.
 */
import type { DebianRelease } from './hexpm-tags.js';

export const NODE_TAGS_AS_OF = '2026-12-07';

export interface NodeVariant {
  os: DebianRelease;
  /** First version published on this Debian release; null: from the line's first release. */
  first: string | null;
  /** Last version published on it; null: still published (an open line). */
  last: string | null;
}

export interface NodeLine {
  major: number;
  variants: readonly NodeVariant[];
}

const v = (os: DebianRelease, first: string | null = null, last: string | null = null): NodeVariant => ({ os, first, last });

/** Node lines and their Debian variants (buster and older are left out: no builder phoenix-ops writes uses them). */
export const NODE_LINES: readonly NodeLine[] = [
  { major: 12, variants: [v('bullseye', '12.22.6', '12.22.12')] },
  { major: 14, variants: [v('bullseye', '14.17.6', '14.21.3')] },
  { major: 16, variants: [v('bullseye', '16.9.0', '16.20.2'), v('bookworm', '16.20.2', '16.20.2')] },
  { major: 17, variants: [v('bullseye', null, '17.9.1')] },
  { major: 18, variants: [v('bullseye', null, '18.20.8'), v('bookworm', '18.17.0', '18.20.8')] },
  { major: 19, variants: [v('bullseye', null, '19.9.0')] },
  { major: 20, variants: [v('bullseye'), v('bookworm', '20.5.0'), v('trixie', '20.19.5')] },
  { major: 21, variants: [v('bullseye', null, '21.7.3'), v('bookworm', null, '21.7.3')] },
  { major: 22, variants: [v('bullseye'), v('bookworm'), v('trixie', '22.20.0')] },
  { major: 23, variants: [v('bullseye', null, '23.11.1'), v('bookworm', null, '23.11.1')] },
  { major: 24, variants: [v('bookworm'), v('trixie', '24.8.0')] },
  { major: 25, variants: [v('bookworm'), v('trixie')] },
];

export interface NodeImage {
  /** The version part of the tag: the pin as written when it exists, else the line (`18`). */
  version: string;
  os: DebianRelease;
  /** `exact`: the pinned version is published on `os`; `line`: the pin is not a known release, the line's newest is used; `nearest-line`: the major is not in the table. */
  match: 'exact' | 'line' | 'nearest-line';
}

/** `node:<version>-<os>-slim` */
export function nodeImageTag(img: Pick<NodeImage, 'version' | 'os'>): string {
  return `node:${img.version}-${img.os}-slim`;
}

/**
 * The image for a pinned Node version ("18.14.0", "18.14", "18"): on the first Debian release of
 * `prefer` that publishes it, else any that does; a version no variant covers gives the line's own tag
 * (`node:18-bookworm-slim`, always published while the line has that variant); an unknown major the
 * nearest known line.
 */
export function chooseNodeImage(pinned: string, pinnedMajor: number, prefer: readonly DebianRelease[]): NodeImage {
  const parts = parseVersion(pinned);
  const major = parts[0] ?? pinnedMajor;
  const line = NODE_LINES.find((l) => l.major === major);
  if (!line) {
    const nearest = NODE_LINES.reduce((best, l) => (Math.abs(l.major - major) <= Math.abs(best.major - major) ? l : best));
    return { version: String(nearest.major), os: preferred(nearest.variants, prefer).os, match: 'nearest-line' };
  }
  const covering = parts.length ? line.variants.filter((x) => covers(x, parts)) : [];
  if (covering.length) return { version: pinned, os: preferred(covering, prefer).os, match: 'exact' };
  return { version: String(major), os: preferred(line.variants, prefer).os, match: 'line' };
}

/** Whether `node:<version>-<os>-slim` is a published image by this table (`version` a release, a minor or a major). */
export function nodeTagKnown(version: string, os: string): boolean {
  const parts = parseVersion(version);
  const line = NODE_LINES.find((l) => l.major === parts[0]);
  return !!line && line.variants.some((x) => x.os === os && covers(x, parts));
}

/** The Debian releases to try for a Node line: bullseye first before Node 18 (as before this table), else bookworm. */
export function nodeOsPreference(major: number): DebianRelease[] {
  return major < 18 ? ['bullseye', 'bookworm', 'trixie'] : ['bookworm', 'bullseye', 'trixie'];
}

/** The first of `prefer` among the variants (each line has at least one; every Debian release is in `prefer`). */
function preferred(variants: readonly NodeVariant[], prefer: readonly DebianRelease[]): NodeVariant {
  const rank = (x: NodeVariant) => (prefer.includes(x.os) ? prefer.indexOf(x.os) : prefer.length);
  return variants.reduce((best, x) => (rank(x) < rank(best) ? x : best));
}

/** A (partial) version overlaps the variant's range: "18.14" is 18.14.0 … 18.14.∞. */
function covers(x: NodeVariant, parts: readonly number[]): boolean {
  const lo = [...parts, 0, 0, 0].slice(0, 3);
  const hi = [...parts, Infinity, Infinity, Infinity].slice(0, 3);
  return (x.first === null || compare(hi, parseVersion(x.first)) >= 0) && (x.last === null || compare(lo, parseVersion(x.last)) <= 0);
}

function parseVersion(s: string): number[] {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(s.trim());
  return m ? [m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number) : [];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
