/**
 * Image references, as the kubelet parses them and as the library pins them.
 *
 * A reference is `[host[:port]/]path[:tag][@digest]`: the first part of the name is a
 * registry host when it has a '.' or a ':', is `localhost`, or has an uppercase letter;
 * the path is lowercase components separated by '/'; the tag is at most 128 word
 * characters, '.' and '-', not starting with '.' or '-'; the digest is `<algorithm>:<hex>`.
 * The API server only refuses surrounding whitespace; anything else that breaks these rules
 * passes it and leaves the pod in `InvalidImageName`.
 */

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const REGISTRY = new RegExp(`^(?:${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^\w[\w.-]{0,127}$/;

/** The digest algorithms the container runtimes verify, and the length of their hex digests. */
const DIGEST_LENGTHS: { [algorithm: string]: number } = { sha256: 64, sha384: 96, sha512: 128 };

/** The longest name (registry and path) a reference may have. */
const MAX_NAME_LENGTH = 255;

/** An image reference split into its parts, or the reason it is not one. */
interface ImageReference {
  readonly problem?: string;
  readonly tag?: string;
  readonly digest?: string;
}

function parse(image: string): ImageReference {
  if (image.length === 0) {
    return { problem: 'is empty' };
  }
  if (/\s/.test(image)) {
    return { problem: 'contains whitespace' };
  }
  const at = image.indexOf('@');
  const digest = at < 0 ? undefined : image.slice(at + 1);
  const named = at < 0 ? image : image.slice(0, at);
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem) {
      return { problem };
    }
  }
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const name = hasTag ? named.slice(0, colon) : named;
  const tag = hasTag ? named.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) {
    return { problem: `has the malformed tag '${tag}': at most 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'` };
  }
  const problem = nameProblem(name);
  return problem ? { problem } : { tag, digest };
}

function digestProblem(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const length = DIGEST_LENGTHS[algorithm];
  const hex = digest.slice(colon + 1);
  if (colon < 0 || length === undefined) {
    return `has the malformed digest '${digest}': it must be sha256:, sha384: or sha512: and the lowercase hex digest`;
  }
  if (!new RegExp(`^[0-9a-f]{${length}}$`).test(hex)) {
    return `has the malformed digest '${digest}': ${algorithm} takes ${length} lowercase hex digits, got ${hex.length} characters`;
  }
  return undefined;
}

function nameProblem(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH) {
    return `has a name of ${name.length} characters, at most ${MAX_NAME_LENGTH} are allowed`;
  }
  const parts = name.split('/');
  const first = parts[0];
  const hasRegistry = parts.length > 1 && (/[.:A-Z]/.test(first) || first === 'localhost');
  if (hasRegistry && !REGISTRY.test(first)) {
    return `has the malformed registry '${first}': a host name or [IPv6 address], optionally ':' and a port`;
  }
  const path = hasRegistry ? parts.slice(1) : parts;
  const bad = path.find(component => !PATH_COMPONENT.test(component));
  if (bad === undefined) {
    return undefined;
  }
  if (/[A-Z]/.test(bad)) {
    return `has uppercase letters in its repository path ('${bad}'): the path must be lowercase`;
  }
  return `has the malformed repository path component '${bad}': lowercase letters and digits, separated by '.', '_', '__' or '-'`;
}

/** What is wrong with an image reference, or undefined when it is well-formed. */
export function imageReferenceProblem(image: string): string | undefined {
  return parse(image).problem;
}

/**
 * What is wrong with an image reference when pinned images are required, or undefined
 * when it is well-formed and names a tag other than `latest`, or a digest.
 */
export function unpinnedImageProblem(image: string): string | undefined {
  const reference = parse(image);
  if (reference.problem !== undefined || reference.digest !== undefined) {
    return reference.problem;
  }
  if (reference.tag === undefined) {
    return 'has no tag, so every pull may bring another version';
  }
  if (reference.tag === 'latest') {
    return 'uses the moving tag \'latest\'';
  }
  return undefined;
}

/**
 * What an image option must be, or undefined: a well-formed reference, and pinned unless
 * unpinned images are allowed. The message ends in the fix.
 */
export function imageProblem(image: string, allowUnpinned: boolean): string | undefined {
  const malformed = imageReferenceProblem(image);
  if (malformed !== undefined) {
    return `must be an image reference ([host[:port]/]path[:tag][@digest], with a lowercase path), got '${image}', which ${malformed}`;
  }
  const unpinned = allowUnpinned ? undefined : unpinnedImageProblem(image);
  return unpinned === undefined ? undefined
    : `must be pinned to a tag other than 'latest' or to a digest, got '${image}', which ${unpinned}: pin a version, or set 'allowUnpinnedImages: true'`;
}
