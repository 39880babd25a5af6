/**
 * Which builder and runner images the Dockerfile uses: the project's pinned Elixir/OTP versions
 * (.tool-versions / mise / .elixir-version, else an existing Dockerfile's ARGs, else the `elixir:`
 * requirement in mix.exs and the Phoenix version's era) matched against the dated table of known
 * hexpm/elixir tags, with the fallbacks Phoenix uses: exact/exact, exact Elixir with the same OTP
 * minor, same Elixir minor with the same OTP minor, any Elixir with the same OTP minor, then by OTP
 * major. The choice comes with a sentence saying what was asked, what was picked and why.
 */
import { beamPins } from '../../facts/tool-versions.js';
import type { Profile } from '../../scan/profile.js';
import { HEXPM_TAGS, tagName, type DebianRelease, type HexpmTag } from './hexpm-tags.js';

export type MatchKind =
  | 'exact'
  | 'pinned, not in the table'
  | 'exact Elixir, same OTP minor'
  | 'same Elixir minor and OTP minor'
  | 'same OTP minor'
  | 'same OTP major'
  | 'same Elixir minor, other OTP'
  | 'Phoenix era default'
  | 'newest matching mix.exs'
  | 'table default';

export interface ImageChoice {
  tag: HexpmTag;
  /** e.g. "1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim" */
  tagName: string;
  builderImage: string;
  runnerImage: string;
  /** Value of the DEBIAN_VERSION build arg, e.g. "bookworm-20241016-slim". */
  debianVersion: string;
  match: MatchKind;
  /** One line for the plan's notes. */
  note: string;
}

interface Wanted {
  elixir: string | null;
  otp: string | null;
  /** Where the versions came from, for the note: ".tool-versions:1", "Dockerfile ARGs"… */
  from: string | null;
  os: DebianRelease | null;
  /** The project's own builder tag (from its Dockerfile's FROM), used as is. */
  builderTag: string | null;
}

type V = number[];

function parse(v: string): V | null {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(v.trim());
  return m?.[1] ? m[1].split('.').map(Number) : null;
}

function cmp(a: V, b: V): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const prefix = (v: V, n: number) => v.slice(0, n).join('.');

/** A version of the tag table (always numeric; an unreadable one sorts as 0). */
const ver = (v: string): V => parse(v) ?? [0];

/** Elixir's `Version.match?` for the requirement forms mix.exs uses (`~>`, `>=`, `==`, `and`, `or`). */
export function satisfies(version: string, requirement: string): boolean {
  const v = parse(version);
  if (!v) return false;
  return requirement.split(/\s+or\s+/).some((alt) =>
    alt.split(/\s+and\s+/).every((clause) => {
      const m = /^\s*(~>|>=|<=|==|!=|>|<)?\s*v?([\d.]+)/.exec(clause);
      if (!m) return true;
      const op = m[1] ?? '==';
      const r = parse(m[2] ?? '');
      if (!r) return true;
      const c = cmp(v, r);
      switch (op) {
        case '~>': {
          if (c < 0) return false;
          // ~> 1.14 → < 2.0; ~> 1.14.2 → < 1.15.0
          const [major = 0, minor = 0] = r;
          const upper = r.length <= 2 ? [major + 1] : [major, minor + 1];
          return cmp(v, upper) < 0;
        }
        case '>=':
          return c >= 0;
        case '>':
          return c > 0;
        case '<=':
          return c <= 0;
        case '<':
          return c < 0;
        case '!=':
          return c !== 0;
        default:
          return c === 0;
      }
    }),
  );
}

function wantedVersions(profile: Profile): Wanted {
  const pins = beamPins(profile);
  return { elixir: pins.elixir, otp: pins.otp, from: pins.from, os: pins.os, builderTag: pins.builderTag };
}

/** Preferred Elixir minor / OTP major by the Phoenix minor in mix.lock (what was current for it). */
const PHOENIX_ERA: Record<string, { elixir: string; otp: string }> = {
  '1.4': { elixir: '1.14', otp: '25' },
  '1.5': { elixir: '1.14', otp: '25' },
  '1.6': { elixir: '1.14', otp: '25' },
  '1.7': { elixir: '1.17', otp: '27' },
  '1.8': { elixir: '1.18', otp: '27' },
};

function rank(os: DebianRelease | null) {
  const order: DebianRelease[] = os ? [os, 'bookworm', 'trixie', 'bullseye'] : ['bookworm', 'trixie', 'bullseye'];
  return (t: HexpmTag) => order.indexOf(t.os);
}

/** Best entry of a candidate list: preferred Debian first, then newest Elixir, OTP and date. */
function best(cands: readonly HexpmTag[], os: DebianRelease | null, near?: V): HexpmTag | null {
  if (cands.length === 0) return null;
  const r = rank(os);
  return [...cands].sort((a, b) => {
    if (near) {
      // Closest Elixir to the one asked for: same minor first, then the nearest lower, then higher.
      const da = distance(ver(a.elixir), near);
      const db = distance(ver(b.elixir), near);
      if (da !== db) return da - db;
    }
    return r(a) - r(b) || cmp(ver(b.elixir), ver(a.elixir)) || cmp(ver(b.otp), ver(a.otp)) || b.date.localeCompare(a.date);
  })[0] ?? null;
}

function distance(v: V, near: V): number {
  const minor = (x: V) => (x[0] ?? 0) * 100 + (x[1] ?? 0);
  const d = minor(v) - minor(near);
  return d === 0 ? 0 : d < 0 ? -d * 2 : d * 2 + 1;
}

export function chooseImage(profile: Profile, table: readonly HexpmTag[] = HEXPM_TAGS): ImageChoice {
  const wanted = wantedVersions(profile);
  const req = profile.versions.elixirRequirement;
  const okReq = (t: HexpmTag) => !req || satisfies(t.elixir, req);
  const E = wanted.elixir ? parse(wanted.elixir) : null;
  const O = wanted.otp ? parse(wanted.otp) : null;
  const os = wanted.os;
  const pick = (match: MatchKind, t: HexpmTag | null) => (t ? { match, t } : null);

  let found: { match: MatchKind; t: HexpmTag } | null = null;
  if (E && O) {
    const same = (a: string, b: V, n: number) => prefix(ver(a), n) === prefix(b, n);
    const otpMinor = O.length >= 2 ? 2 : 1;
    found =
      pick('exact', best(table.filter((t) => cmp(ver(t.elixir), E) === 0 && cmp(ver(t.otp), O) === 0), os)) ??
      pick('exact Elixir, same OTP minor', best(table.filter((t) => cmp(ver(t.elixir), E) === 0 && same(t.otp, O, otpMinor)), os)) ??
      pick('same Elixir minor and OTP minor', best(table.filter((t) => same(t.elixir, E, 2) && same(t.otp, O, otpMinor)), os)) ??
      pick('same OTP minor', best(table.filter((t) => same(t.otp, O, otpMinor) && okReq(t)), os, E)) ??
      pick('same OTP major', best(table.filter((t) => same(t.otp, O, 1) && okReq(t)), os, E)) ??
      pick('same Elixir minor, other OTP', best(table.filter((t) => same(t.elixir, E, 2)), os));
  } else if (E) {
    found =
      pick('exact', best(table.filter((t) => cmp(ver(t.elixir), E) === 0), os)) ??
      pick('same Elixir minor, other OTP', best(table.filter((t) => prefix(ver(t.elixir), 2) === prefix(E, 2)), os));
  } else if (O) {
    found = pick('same OTP major', best(table.filter((t) => prefix(ver(t.otp), 1) === prefix(O, 1) && okReq(t)), os));
  }
  if (!found) {
    const phx = profile.versions.phoenix ? parse(profile.versions.phoenix) : null;
    const era = phx ? PHOENIX_ERA[prefix(phx, 2)] : undefined;
    if (era) {
      found = pick(
        'Phoenix era default',
        best(table.filter((t) => t.elixir.startsWith(`${era.elixir}.`) && t.otp.split('.')[0] === era.otp && okReq(t)), os),
      );
    }
    found ??= pick('newest matching mix.exs', best(table.filter(okReq), os));
    found ??= { match: 'table default', t: best(table, os)! };
  }

  // Exact pins the table lacks are used as pinned: the project's own builder tag as is, else the tag
  // the pins name on the table's newest snapshot of that Debian release (not verified offline).
  const exactPin = E && O && E.length >= 3 && O.length >= 2;
  if (found.match !== 'exact' && (wanted.builderTag || exactPin)) {
    const fromTag = wanted.builderTag ? /^(.+?)-erlang-(.+?)-debian-(bullseye|bookworm|trixie)-(\d{8})-slim$/.exec(wanted.builderTag) : null;
    const os: DebianRelease = (fromTag?.[3] as DebianRelease | undefined) ?? wanted.os ?? (E && cmp(E, [1, 15]) < 0 ? 'bullseye' : 'bookworm');
    const date = fromTag?.[4] ?? [...table].filter((t) => t.os === os).sort((a, b) => b.date.localeCompare(a.date))[0]?.date ?? found.t.date;
    const t: HexpmTag = { elixir: fromTag?.[1] ?? wanted.elixir!, otp: fromTag?.[2] ?? wanted.otp!, os, date, asOf: found.t.asOf, source: 'the project', seen: 0 };
    const verified = wanted.builderTag ? `the builder image of ${wanted.from}` : `not in phoenix-ops's table of known tags, so not verified offline: check https://hub.docker.com/r/hexpm/elixir/tags?name=${t.elixir}-erlang-${t.otp}`;
    return imagesOf(t, 'pinned, not in the table', (name) => `Elixir ${t.elixir} / OTP ${t.otp} from ${wanted.from} → hexpm/elixir:${name} (exactly as pinned; ${verified})`);
  }

  const match = found.match;
  return imagesOf(found.t, match, (name) => noteFor(profile, wanted, match, name));
}

/** The builder and runner images of a hexpm/elixir tag (the runner is the same Debian snapshot, slim). */
function imagesOf(t: HexpmTag, match: MatchKind, note: (tagName: string) => string): ImageChoice {
  const name = tagName(t);
  const debianVersion = `${t.os}-${t.date}-slim`;
  return { tag: t, tagName: name, builderImage: `hexpm/elixir:${name}`, runnerImage: `debian:${debianVersion}`, debianVersion, match, note: note(name) };
}

function noteFor(profile: Profile, wanted: Wanted, match: MatchKind, name: string): string {
  const asked = [wanted.elixir && `Elixir ${wanted.elixir}`, wanted.otp && `OTP ${wanted.otp}`].filter(Boolean).join(' / ');
  const req = profile.versions.elixirRequirement;
  const chosen = `hexpm/elixir:${name}`;
  if (wanted.from) {
    const why = match === 'exact' ? 'exact match' : `${match}: no image for the exact versions in phoenix-ops's table of known tags`;
    return `${asked} from ${wanted.from} → ${chosen} (${why})`;
  }
  const pinHint = 'pin versions in .tool-versions to choose them';
  if (match === 'Phoenix era default') {
    return `No pinned Elixir/OTP version; Phoenix ${profile.versions.phoenix}${req ? ` and elixir: "${req}" in mix.exs` : ''} → ${chosen} (the release line current for that Phoenix; ${pinHint})`;
  }
  return `No pinned Elixir/OTP version${req ? `; elixir: "${req}" in mix.exs` : ''} → ${chosen} (${match}; ${pinHint})`;
}
