import * as path from 'path';

/**
 * The directory a mount path names: `path.posix.normalize` without a trailing slash, so
 * that `/tmp/`, `//tmp`, `/tmp/.` and `/x/../tmp` are all `/tmp` ('/' stays '/'). The kubelet
 * and the container runtime resolve mount paths so; two mounts whose paths have one normal
 * form are one directory, and one of the volumes hides the other. Every mount-path check,
 * the construct's and the linter's, compares these.
 */
export function normalMountPath(mountPath: string): string {
  const normal = path.posix.normalize(mountPath);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

/** Whether the normal path `inner` is the normal path `outer` or lies under it. */
export function isWithinMount(inner: string, outer: string): boolean {
  return inner === outer || outer === '/' || inner.startsWith(`${outer}/`);
}

/**
 * What is wrong with the mount path of a volume in a container, or undefined: it must be
 * absolute, without `..` and `:`, and not the root directory: a volume mounted over the
 * root file system hides the image, and the runtime cannot start the container.
 */
export function mountPathProblem(mountPath: string): string | undefined {
  if (typeof mountPath !== 'string' || !mountPath.startsWith('/') || mountPath.includes(':') || mountPath.split('/').includes('..')) {
    return 'must be an absolute path without \'..\' and \':\'';
  }
  return normalMountPath(mountPath) === '/' ? 'must not be the root directory \'/\', which the volume would hide' : undefined;
}
