/** Phoenix, LiveView and Ecto from mix.lock; the Elixir requirement of mix.exs; pinned Elixir/OTP. */
import type { Versions } from '../profile.js';
import { lockOf, type Decider } from './types.js';

export const decideVersions: Decider<'versions'> = ({ facts, web }) => {
  const phoenix = lockOf(facts, 'phoenix');
  const liveView = lockOf(facts, 'phoenix_live_view');
  const ecto = lockOf(facts, 'ecto');
  const req = [web.project, ...facts.projects].find((p) => p.elixirRequirement);
  const tv = facts.toolVersions;
  const value: Versions = {
    phoenix: phoenix?.version ?? null,
    liveView: liveView?.version ?? null,
    ecto: ecto?.version ?? null,
    elixirRequirement: req?.elixirRequirement ?? null,
    elixir: tv.elixir,
    otp: tv.otp,
  };
  return {
    value,
    evidence: {
      phoenix: phoenix?.evidence,
      liveViewVersion: liveView?.evidence,
      ecto: ecto?.evidence,
      elixirRequirement: req ? (req.elixirRequirementEvidence ?? req.evidence) : null,
      elixir: tv.file ? { file: tv.file, line: tv.line ?? 1 } : null,
    },
  };
};
