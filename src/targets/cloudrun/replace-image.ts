/**
 * `gcloud run services|jobs replace` with the image apply built. The generated service.yaml and job.yaml
 * name the image as rendered (`…:latest`, or cloudrun.image), so the files stay the same bytes for the same
 * input; the tag is chosen at apply time (src/apply/image-tag.ts). `replace` takes a file only
 * (lib/surface/run/services/replace.py) and adds no nonce (serverless_operations.py:1092-1109): a spec with
 * the same image makes no new revision, a new tag does. So the file is copied to a temporary folder with its
 * `image:` line set to the new reference, and the copy is replaced. A file whose image line was edited by hand
 * is refused, saying so, rather than deployed with the old image.
 */
import { IMAGE_TAG } from '../../model/image-tag.js';
import { withTag } from '../shared/image-ref.js';

/** Arguments: services|jobs, the file, the image written in it, the image to run, then gcloud's own flags. */
export const REPLACE_WITH_IMAGE = [
  'set -euo pipefail',
  'dir=$(mktemp -d)',
  `trap 'rm -rf "$dir"' EXIT`,
  'copy="$dir/$(basename "$2")"',
  `if ! awk -v from="image: $3" -v to="image: $4" '{ i = index($0, from); if (i && substr($0, i + length(from)) ~ /^[ \\t]*$/) { $0 = substr($0, 1, i - 1) to; n++ } print } END { if (!n) exit 3 }' "$2" > "$copy"; then`,
  `  echo "$2 has no line \\"image: $3\\": put it back, or run phoenix-ops generate --force" >&2`,
  '  exit 1',
  'fi',
  'gcloud run "$1" replace "$copy" "${@:5}"',
].join('\n');

/** The image apply builds and pushes: the rendered image's repository, tagged for this build. */
export const builtImage = (rendered: string): string => withTag(rendered, IMAGE_TAG);

/** argv of `gcloud run <kind> replace <copy of file with the built image> <flags…>`. */
export function replaceWithImage(kind: 'services' | 'jobs', file: string, rendered: string, flags: string[]): string[] {
  return ['bash', '-c', REPLACE_WITH_IMAGE, `${kind}-replace`, kind, file, rendered, builtImage(rendered), ...flags];
}
