import * as path from 'path';
import { Problems, show } from './problems';

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

/** A mount of a container, for `checkMountPaths`. */
export interface MountToCheck {
  readonly path: string;
  /** The property that gives the path, where its problem is reported. */
  readonly property: string;
  /** How the message of a later mount at the same directory names this one; the property when unset. */
  readonly label?: string;
  /** The volume, which the messages name when it is set. */
  readonly volume?: string;
}

/**
 * Reports each mount of one container whose path it cannot start with, and each one at the
 * directory of an earlier mount (in another spelling too), where one volume hides the other.
 */
export function checkMountPaths(problems: Problems, mounts: MountToCheck[]): void {
  const directories = new Map<string, string>();
  for (const mount of mounts) {
    const given = `${show(mount.path)}${mount.volume === undefined ? '' : ` for the volume ${show(mount.volume)}`}`;
    const problem = mountPathProblem(mount.path);
    if (problem) {
      problems.add(mount.property, `${problem}, got ${given}`);
      continue;
    }
    const normal = normalMountPath(mount.path);
    const earlier = directories.get(normal);
    if (earlier === undefined) {
      directories.set(normal, `${mount.label ?? mount.property} (${show(mount.path)})`);
    } else {
      problems.add(mount.property, `must differ from the path of every other mount of the container, got ${given}, `
        + `the directory of ${earlier}: mount each volume at its own directory`);
    }
  }
}
