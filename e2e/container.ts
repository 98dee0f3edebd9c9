import * as path from 'path';

/** Something mounted into a container's root: a volume, an image file, or a pod file like /etc/hosts. */
export interface Mount {
  /** The path on this machine. */
  readonly source: string;
  /** The path inside the container. */
  readonly target: string;
  readonly readOnly: boolean;
  /** A file is mounted on a file, a directory on a directory. */
  readonly isFile: boolean;
}

/** The numeric identity a container's processes run as. */
export interface RunAs {
  readonly uid: number;
  readonly gid: number;
  /** Supplementary groups: the primary group, `fsGroup` and `supplementalGroups`. */
  readonly groups: readonly number[];
  /** `allowPrivilegeEscalation: false` */
  readonly noNewPrivileges: boolean;
}

export interface ContainerRoot {
  /** An empty directory of this machine where the container's root is mounted. */
  readonly root: string;
  /** An empty directory of this machine for the root's writable layer (a tmpfs). */
  readonly scratch: string;
  /** The files the image has where the local layout differs; mounted before the pod's mounts. */
  readonly imageMounts: readonly Mount[];
  /** Directories the image has that the machine does not. */
  readonly imageDirs: readonly string[];
  /** The pod's volumes and files. */
  readonly mounts: readonly Mount[];
  /** `readOnlyRootFilesystem` */
  readonly readOnly: boolean;
  readonly workingDir: string;
}

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, '\'\\\'\'')}'`;
}

/** The setpriv options that drop root for the given identity. */
export function setprivArgs(runAs: RunAs): string[] {
  return [
    `--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, `--groups=${runAs.groups.join(',')}`,
    ...runAs.noNewPrivileges ? ['--no-new-privs'] : [],
    '--bounding-set=-all', '--inh-caps=-all',
  ];
}

/**
 * The script that builds a container in a fresh mount namespace (as root) and runs its
 * command: the machine's root file system as the image, under a writable layer that
 * `readOnlyRootFilesystem` makes read-only, with its own /proc, /sys (of the pod's network
 * namespace), /dev, an empty /tmp as images have, and the mounts at their container paths.
 * Mount targets are resolved inside the container's root, so a link in the image (such as
 * /var/run -> /run) leads to the container's directory, never to the machine's. The image's
 * files come first, then the pod's mounts (which may cover them), each group parents
 * first; mounts are made read-only once all of them exist.
 */
export function containerScript(spec: ContainerRoot, runAs: RunAs, argv: readonly string[]): string {
  const q = shellQuote;
  const root = spec.root;
  const lines = [
    'set -eu',
    `/bin/mount -t tmpfs -o mode=0755 ${q(`${path.basename(spec.scratch)}`)} ${q(spec.scratch)}`,
    `/bin/mkdir ${q(`${spec.scratch}/upper`)} ${q(`${spec.scratch}/work`)}`,
    `/bin/mount -t overlay overlay -o ${q(`lowerdir=/,upperdir=${spec.scratch}/upper,workdir=${spec.scratch}/work`)} ${q(root)}`,
    `/bin/mount -t proc proc ${q(`${root}/proc`)}`,
    `/bin/mount -t sysfs sysfs ${q(`${root}/sys`)}`,
    `/bin/mount --rbind /dev ${q(`${root}/dev`)}`,
    `/bin/mount -t tmpfs -o ${spec.readOnly ? 'ro,' : ''}mode=1777 tmpfs ${q(`${root}/tmp`)}`,
  ];
  spec.imageDirs.forEach(dir => lines.push(`/bin/mkdir -p ${q(root)}"$(/usr/sbin/chroot ${q(root)} /usr/bin/realpath -m -- ${q(dir)})"`));
  const parentsFirst = (list: readonly Mount[]) => [...list].sort((a, b) => a.target.split('/').length - b.target.split('/').length);
  const mounts = [...parentsFirst(spec.imageMounts), ...parentsFirst(spec.mounts)];
  mounts.forEach((mount, i) => {
    const target = `"$t${i}"`;
    lines.push(`t${i}=${q(root)}"$(/usr/sbin/chroot ${q(root)} /usr/bin/realpath -m -- ${q(mount.target)})"`);
    if (mount.isFile) {
      lines.push(`/bin/mkdir -p "$(/usr/bin/dirname ${target})"`, `[ -e ${target} ] || /bin/touch ${target}`);
    } else {
      lines.push(`/bin/mkdir -p ${target}`);
    }
    lines.push(`/bin/mount --bind ${q(mount.source)} ${target}`);
  });
  mounts.forEach((mount, i) => {
    if (mount.readOnly) {
      lines.push(`/bin/mount -o remount,bind,ro "$t${i}"`);
    }
  });
  if (spec.readOnly) {
    lines.push(`/bin/mount -o remount,ro ${q(root)}`);
  }
  lines.push(['exec /usr/bin/unshare', `--root=${q(root)}`, `--wd=${q(spec.workingDir)}`,
    '/usr/bin/setpriv', ...setprivArgs(runAs), '--', ...argv.map(q)].join(' '));
  return lines.join('\n') + '\n';
}
