/**
 * The image tag of one build, a placeholder every target's steps may carry and only `apply` fills in
 * (src/apply/image-tag.ts chooses it: the git commit of a clean checkout, else a digest of the build
 * context). Not a secret, so it may stand in argv; never written into a generated file, so generated
 * output stays the same bytes for the same input.
 */
export const IMAGE_TAG = '{{build:image-tag}}';
/** The environment variable every provider command of an apply that builds an image sees the tag in. */
export const IMAGE_TAG_ENV = 'PHOENIX_OPS_IMAGE_TAG';
