import * as fs from 'fs';
import * as path from 'path';
import { KeyToPath } from './manifest';

/** Data of a ConfigMap or Secret volume: file path in the volume -> content and mode. */
export interface ProjectedFile {
  readonly path: string;
  readonly content: Buffer;
  readonly mode: number;
}

/**
 * The files a ConfigMap or Secret volume shows: every key, or only `items` (each at its
 * path, with its own mode), with `defaultMode` (0644 unless set) for the rest. A missing
 * item key is an error, as kubelet refuses to mount such a volume.
 */
export function projectedFiles(data: ReadonlyMap<string, Buffer>, items: readonly KeyToPath[] | undefined, defaultMode = 0o644): ProjectedFile[] {
  if (!items) {
    return [...data.entries()].map(([key, content]) => ({ path: key, content, mode: defaultMode }));
  }
  return items.map(item => {
    const content = data.get(item.key);
    if (!content) {
      throw new Error(`key '${item.key}' is not in the data (has: ${[...data.keys()].join(', ')})`);
    }
    return { path: item.path, content, mode: item.mode ?? defaultMode };
  });
}

/**
 * Writes a ConfigMap or Secret volume the way kubelet does: the files in a timestamped
 * directory, `..data` a link to it, and one link per top-level name into `..data`, so
 * that a reader sees links (and `cp -L` is needed to copy the content, as in a pod).
 * With `fsGroup`, the files belong to that group.
 */
export function writeProjectedVolume(dir: string, files: readonly ProjectedFile[], fsGroup: number | undefined): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const stamp = `..${new Date().toISOString().replace(/[-:]/g, '_').replace('T', '_').replace('Z', '')}`;
  const dataDir = path.join(dir, stamp);
  fs.mkdirSync(dataDir, { mode: 0o755 });
  for (const file of files) {
    const target = path.join(dataDir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    fs.writeFileSync(target, file.content);
    fs.chmodSync(target, file.mode);
    if (fsGroup !== undefined) {
      fs.chownSync(target, 0, fsGroup);
    }
  }
  fs.symlinkSync(stamp, path.join(dir, '..data'));
  const topLevel = new Set(files.map(file => file.path.split('/')[0]));
  for (const name of topLevel) {
    fs.symlinkSync(path.join('..data', name), path.join(dir, name));
  }
}

/**
 * A writable directory as kubelet prepares it: emptyDir is open to every user (0777); a
 * claim is a fresh file system's root (root-owned, 0755). With `fsGroup` the directory
 * belongs to that group, which may write it, and new files inherit the group (setgid).
 */
export function prepareWritableDir(dir: string, kind: 'emptyDir' | 'claim', fsGroup: number | undefined): void {
  fs.mkdirSync(dir, { recursive: true });
  if (fsGroup === undefined) {
    fs.chmodSync(dir, kind === 'emptyDir' ? 0o777 : 0o755);
    return;
  }
  fs.chownSync(dir, 0, fsGroup);
  fs.chmodSync(dir, kind === 'emptyDir' ? 0o2777 : 0o2775);
}
