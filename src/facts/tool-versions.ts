/**
 * The toolchain versions the project pins: Elixir and OTP (`.tool-versions`, mise, `.elixir-version`,
 * else an existing Dockerfile's builder image or ARGs), Node.js and the package manager for the asset
 * build. Generated files use exactly these; a table of known image tags only fills what is not pinned.
 */
import type { DockerfileInfo, Profile } from '../scan/profile.js';
import { globalArgs, ownProdDockerfiles, stageImage } from './dockerfile.js';
import { computed } from './computed.js';

export type DebianRelease = 'bullseye' | 'bookworm' | 'trixie';

export interface BeamPins {
  elixir: string | null;
  otp: string | null;
  /** Where they come from ("`.tool-versions:2`", "Dockerfile FROM"), or null when nothing pins them. */
  from: string | null;
  /** Debian release of an existing builder image, when it names one. */
  os: DebianRelease | null;
  /** The full hexpm/elixir tag of an existing Dockerfile's builder, when it has a literal one. */
  builderTag: string | null;
}

/** "1.17.3-otp-27" → elixir "1.17.3" and OTP major "27"; "v1.19.4-otp-28" → "1.19.4". "1.20.0-rc.4-otp-28" keeps the rc. */
export function splitElixirPin(pin: string): { elixir: string; otpMajor: string | null } {
  const [, elixir, otpMajor] = /^v?(\d+(?:\.\d+)*(?:-rc\.?\d+)?)(?:-otp-(\d+))?/.exec(pin.trim()) ?? [];
  return elixir ? { elixir, otpMajor: otpMajor ?? null } : { elixir: pin.trim(), otpMajor: null };
}

const HEXPM = /hexpm\/elixir:(\d[\w.-]*?)-erlang-(\d[\d.]*)-debian-(bullseye|bookworm|trixie|buster)-(\d{8})-slim/;

/** The first hexpm/elixir builder image of a Dockerfile (ARG defaults substituted): its versions, Debian release and tag. */
function hexpmBuilder(d: DockerfileInfo): { elixir: string; otp: string; debian: string; tag: string } | null {
  for (const s of d.stages) {
    const img = stageImage(d, s);
    const m = img ? HEXPM.exec(img) : null;
    const [whole, elixir, otp, debian] = m ?? [];
    if (whole && elixir && otp && debian) return { elixir, otp, debian, tag: whole.slice('hexpm/elixir:'.length) };
  }
  return null;
}

/** The Elixir/OTP pins (see the module doc for the order). */
export const beamPins = computed((profile: Profile): BeamPins => {
  const tv = profile.facts.toolVersions;
  const dockerfiles = ownProdDockerfiles(profile);
  const docker = dockerfiles.find((d) => /(^|\/)Dockerfile$/.test(d.file)) ?? dockerfiles[0];
  const fromImage = docker ? hexpmBuilder(docker) : null;
  const args: Readonly<Record<string, string | undefined>> = docker ? globalArgs(docker) : {};
  const literal = (x: string | undefined) => (x && !x.includes('$') ? x : null);
  const dockerOs = fromImage?.debian ?? literal(args.DEBIAN_VERSION)?.split('-')[0] ?? null;
  const os = dockerOs === 'bookworm' || dockerOs === 'trixie' || dockerOs === 'bullseye' ? dockerOs : null;
  const builderTag = fromImage && fromImage.debian !== 'buster' ? fromImage.tag : null;
  const pinnedElixir = tv.elixir ?? profile.versions.elixir;
  const pinnedOtp = tv.otp ?? profile.versions.otp;
  if (pinnedElixir || pinnedOtp) {
    const split = pinnedElixir ? splitElixirPin(pinnedElixir) : null;
    const from = tv.file ? `${tv.file}${tv.line ? `:${tv.line}` : ''}` : 'the pinned versions';
    return { elixir: split?.elixir ?? null, otp: pinnedOtp ?? split?.otpMajor ?? null, from, os, builderTag: null };
  }
  if (docker && fromImage) return { elixir: fromImage.elixir, otp: fromImage.otp, from: `${docker.file} FROM`, os, builderTag };
  const dElixir = literal(args.ELIXIR_VERSION);
  const dOtp = literal(args.OTP_VERSION ?? args.ERLANG_VERSION ?? args.ERLANG_OTP_VERSION);
  if (docker && (dElixir || dOtp)) return { elixir: dElixir, otp: dOtp, from: `${docker.file} ARGs`, os, builderTag: null };
  return { elixir: null, otp: null, from: null, os, builderTag: null };
});

export interface NodePin {
  /** Version for the `node:<version>-<debian>-slim` image: the pinned one as written ("18.19.1", "16"), or the default LTS major. */
  version: string;
  major: number;
  pinned: boolean;
  from: string | null;
  packageManager: 'npm' | 'yarn' | 'pnpm' | 'bun';
  /** Lockfile relative to the project folder's package.json folder ("yarn.lock"), or null. */
  lockfile: string | null;
}

/** Node.js LTS line used when the project pins none. */
export const DEFAULT_NODE = '22';

const pkgDir = (f: string) => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '');

export const nodePin = computed((profile: Profile): NodePin => {
  const n = profile.facts.node ?? { version: null, evidence: null, packageManager: 'npm', lockfile: null };
  const version = n.version ?? DEFAULT_NODE;
  const major = Number(/^(\d+)/.exec(version)?.[1] ?? DEFAULT_NODE);
  return {
    version,
    major,
    pinned: n.version !== null,
    from: n.evidence ? `${n.evidence.file}:${n.evidence.line}` : null,
    packageManager: n.packageManager,
    // Only a lockfile beside package.json is used for the install (a lock elsewhere belongs to another package).
    lockfile: n.lockfile && pkgDir(n.lockfile) === pkgDir(profile.facts.assets.packageJson ?? '') ? (n.lockfile.split('/').pop() ?? n.lockfile) : null,
  };
});
