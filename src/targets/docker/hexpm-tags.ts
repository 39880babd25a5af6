/**
 * Known `hexpm/elixir` builder tags (Debian, `-slim`), as dated data. phoenix-ops has no network at
 * plan time, so the Dockerfile's versions are matched against this table instead of Docker Hub
 * (which is what `mix phx.gen.release --docker` asks).
 *
 * How the entries were checked (2026-11-22): each tag was found, spelled exactly, in public
 * Dockerfiles, and preferably in the `# - Ex: hexpm/elixir:…` comment that `mix phx.gen.release`
 * writes from Docker Hub's answer (`seen` counts the independent sightings). `source` is the Docker
 * Hub page that lists the tag, where it can be checked again. Tags are immutable once pushed
 * (https://github.com/hexpm/bob#docker-images), so an entry stays valid; newer ones only get added.
 *
 * The runner image is `debian:<os>-<date>-slim`, the base the builder was made from.
 * Elixir 1.14 images exist on bullseye, not bookworm: the runner is then bullseye too (libncurses6
 * is in bullseye, bookworm and trixie; libncurses5 is not in trixie).
 *
 * To add an entry: copy the tag from https://hub.docker.com/r/hexpm/elixir/tags, split it into the fields.
 */

export type DebianRelease = 'bullseye' | 'bookworm' | 'trixie';

export interface HexpmTag {
  elixir: string;
  otp: string;
  os: DebianRelease;
  /** The Debian snapshot date in the tag, e.g. "20241016". */
  date: string;
  /** When this entry was checked. */
  asOf: string;
  /** Where the tag can be checked. */
  source: string;
  /** Independent sightings in public Dockerfiles when the entry was checked. */
  seen: number;
}

export const HEXPM_TAGS_AS_OF = '2026-11-22';

const hub = (tag: string) => `https://hub.docker.com/r/hexpm/elixir/tags?name=${tag}`;

function entry(elixir: string, otp: string, os: DebianRelease, date: string, seen: number): HexpmTag {
  return { elixir, otp, os, date, asOf: HEXPM_TAGS_AS_OF, source: hub(`${elixir}-erlang-${otp}-debian-${os}-${date}-slim`), seen };
}

/** Newest first within each Elixir minor. */
export const HEXPM_TAGS: readonly HexpmTag[] = [
  // Elixir 1.19 (OTP 26–28)
  entry('1.19.5', '28.3.2', 'trixie', '20260610', 1),
  entry('1.19.5', '28.1.1', 'trixie', '20260112', 1),
  entry('1.19.4', '28.3', 'trixie', '20251208', 2),
  entry('1.19.4', '28.3', 'bookworm', '20251208', 3),
  entry('1.19.2', '28.1.1', 'bookworm', '20251103', 1),
  entry('1.19.2', '27.3.4', 'trixie', '20251229', 2),
  entry('1.19.1', '28.1', 'bookworm', '20251229', 1),
  // Elixir 1.18 (OTP 25–28)
  entry('1.18.4', '28.0.2', 'trixie', '20260223', 1),
  entry('1.18.4', '28.0.2', 'bookworm', '20250721', 1),
  entry('1.18.4', '27.3.4.2', 'trixie', '20251117', 1),
  entry('1.18.4', '27.3.4', 'bookworm', '20250520', 4),
  entry('1.18.4', '26.2.5.14', 'bookworm', '20250811', 1),
  entry('1.18.4', '25.3.2.21', 'bookworm', '20250630', 2),
  entry('1.18.3', '27.3.3', 'bookworm', '20250428', 1),
  entry('1.18.1', '27.2', 'bookworm', '20250113', 3),
  // Elixir 1.17 (OTP 25–27)
  entry('1.17.3', '27.1.2', 'bookworm', '20241016', 8),
  entry('1.17.3', '26.2.5.3', 'bookworm', '20240926', 1),
  entry('1.17.2', '27.0.1', 'bookworm', '20240722', 6),
  // Elixir 1.16 (OTP 24–26)
  entry('1.16.3', '26.2.5', 'bookworm', '20240513', 2),
  entry('1.16.2', '26.2.5', 'bookworm', '20240423', 1),
  // Elixir 1.15 (OTP 24–26)
  entry('1.15.8', '26.2.5.2', 'bookworm', '20240812', 3),
  entry('1.15.7', '26.1.2', 'bookworm', '20231009', 6),
  // Elixir 1.14 (OTP 23–26): bullseye images
  entry('1.14.5', '26.0.1', 'bullseye', '20230522', 2),
  entry('1.14.5', '25.3.2.4', 'bullseye', '20230612', 3),
  entry('1.14.3', '25.2.3', 'bullseye', '20230202', 2),
];

export function tagName(t: HexpmTag): string {
  return `${t.elixir}-erlang-${t.otp}-debian-${t.os}-${t.date}-slim`;
}
