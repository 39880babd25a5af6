/**
 * Preflight `image`: every `node:<version>-<debian>-slim` the generated Dockerfile builds from is a tag
 * known to be published (src/targets/docker/node-tags.ts, a dated table), and when it is not the Node
 * version the project pins (no image of that release is known), a warning says which one it uses
 * instead and how to pin a published one. Read back from the rendered Dockerfile, ARGs substituted.
 */
import { stageImage } from '../facts/dockerfile.js';
import { nodePin } from '../facts/tool-versions.js';
import { extractDockerfile } from '../scan/extract/dockerfile.js';
import type { Profile } from '../scan/profile.js';
import { chooseNodeImage, NODE_TAGS_AS_OF, nodeImageTag, nodeOsPreference, nodeTagKnown } from '../targets/docker/node-tags.js';

export interface ImageIssue {
  invariant: 'image';
  severity: 'error' | 'warning';
  file: string | null;
  message: string;
  fix: string;
}

const NODE_IMAGE = /^(?:docker\.io\/(?:library\/)?)?node:([\w.]+)-(\w+)-slim$/;
const TAGS = 'https://hub.docker.com/_/node/tags';

export function nodeImageIssues(profile: Profile, dockerPath: string, text: string): ImageIssue[] {
  const d = extractDockerfile(dockerPath, text, []);
  const out: ImageIssue[] = [];
  for (const stage of d.stages) {
    const image = stageImage(d, stage);
    const m = image ? NODE_IMAGE.exec(image) : null;
    if (!m) continue;
    const [, version = '', os = ''] = m;
    if (!nodeTagKnown(version, os)) {
      out.push({
        invariant: 'image',
        severity: 'error',
        file: dockerPath,
        message: `${dockerPath}:${stage.line} builds from ${image}, which is not a published node image as far as phoenix-ops knows (table as of ${NODE_TAGS_AS_OF}): the build would fail to pull it`,
        fix: `build from ${nodeImageTag(chooseNodeImage(version, Number(version.split('.')[0]), nodeOsPreference(Number(version.split('.')[0]))))}, or another tag listed at ${TAGS}`,
      });
      continue;
    }
    const pin = nodePin(profile);
    if (pin.pinned && version !== pin.version) {
      out.push({
        invariant: 'image',
        severity: 'warning',
        file: dockerPath,
        message: `Node ${pin.version} is pinned in ${pin.from}, and no node:${pin.version}-<debian>-slim image is known to exist (table as of ${NODE_TAGS_AS_OF}): ${dockerPath}:${stage.line} builds the assets with ${image} instead`,
        fix: `pin a published Node release in ${pin.from?.replace(/:\d+$/, '') ?? 'the project'} (see ${TAGS}), or accept ${image}`,
      });
    }
  }
  return out;
}
