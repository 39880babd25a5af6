/**
 * What the workflows are rendered from: the Elixir/OTP versions CI installs — exactly what the project
 * pins, else the Dockerfile builder's — and the deploy facts (database service, project folder).
 */
import { beamPins } from '../../facts/tool-versions.js';
import type { Profile } from '../../scan/profile.js';
import { chooseImage } from '../docker/versions.js';
import type { BeamVersions } from './ci.js';

export function beamVersions(profile: Profile): BeamVersions {
  const pins = beamPins(profile);
  // setup-beam installs exact versions: the project's pins when it has both, else the Dockerfile builder's.
  if (pins.elixir && pins.otp && /^\d+\.\d+\.\d+/.test(pins.elixir) && /^\d+\.\d+/.test(pins.otp)) {
    return { elixir: pins.elixir, otp: pins.otp, note: `CI runs Elixir ${pins.elixir} on OTP ${pins.otp}, as pinned in ${pins.from}.` };
  }
  const choice = chooseImage(profile);
  return {
    elixir: choice.tag.elixir,
    otp: choice.tag.otp,
    note: `CI runs Elixir ${choice.tag.elixir} on OTP ${choice.tag.otp}, the versions of the Dockerfile's builder image (${choice.match}).`,
  };
}
