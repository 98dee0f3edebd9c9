/**
 * Image references, as the library pins them.
 */

/**
 * What is wrong with an image reference when pinned images are required, or
 * undefined when it names a tag other than `latest`, or a digest.
 */
export function unpinnedImageProblem(image: string): string | undefined {
  if (image.includes('@sha256:')) {
    return undefined;
  }
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) {
    return 'has no tag, so every pull may bring another version';
  }
  if (lastSegment.slice(colon + 1) === 'latest') {
    return 'uses the moving tag \'latest\'';
  }
  return undefined;
}
