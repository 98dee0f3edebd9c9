import { Bundle } from './bundle';
import { K8sObject } from './objects';
import { allContainers, asArray, lastOrdinal, StatefulSetView } from './workloads';
import {
  CONFIG_INIT_CONTAINER, CONFIG_SOURCE_VOLUME, CONFIG_VOLUME, DEFAULT_SCOPE, parseConfigKey, SHARED_SCOPE, TEMPLATE_SCOPE,
} from '../../ground/member-config';
import { memberPodName } from '../../ground/names';
import { compareStrings } from '../../ground/text';

/** Where a member's file comes from: `shared`, `own`, `default`, `computed per member`, `configmap <name>`. */
export type FileOrigin = string;

/** A file one member sees. */
export interface MemberFile {
  readonly path: string;
  readonly origin: FileOrigin;
}

/**
 * The files of the library's per-member config layout (`ground/member-config.ts`): the
 * ConfigMap's keys by scope, and where the main containers mount the member's directory.
 */
export interface MemberConfigLayout {
  readonly configMap: K8sObject;
  readonly shared: string[];
  readonly defaults: string[];
  readonly templates: string[];
  /** File names by pod name. */
  readonly own: Map<string, string[]>;
  /** Mounts of the member's directory (whole, or one file through `subPath`) in the containers. */
  readonly mounts: ReadonlyArray<{ readonly container: string; readonly path: string; readonly subPath?: string }>;
}

/**
 * The library's layout of a StatefulSet, when it has one: an init container `member-config`
 * that reads the ConfigMap volume `member-config-source` and fills the emptyDir `member-config`.
 */
export function memberConfigLayout(bundle: Bundle, sts: StatefulSetView): MemberConfigLayout | undefined {
  const init = asArray(sts.podSpec.initContainers).some(c => c.name === CONFIG_INIT_CONTAINER);
  const source = asArray(sts.podSpec.volumes).find(v => v.name === CONFIG_SOURCE_VOLUME)?.configMap?.name;
  const configMap = init && source ? bundle.find('ConfigMap', sts.namespace, source) : undefined;
  if (!configMap) {
    return undefined;
  }
  const layout = { configMap, shared: [] as string[], defaults: [] as string[], templates: [] as string[], own: new Map<string, string[]>() };
  for (const key of Object.keys({ ...configMap.raw.data, ...configMap.raw.binaryData })) {
    const parsed = parseConfigKey(key);
    if (!parsed) {
      continue;
    }
    const scoped = { [SHARED_SCOPE]: layout.shared, [DEFAULT_SCOPE]: layout.defaults, [TEMPLATE_SCOPE]: layout.templates }[parsed.scope];
    if (scoped) {
      scoped.push(parsed.file);
    } else {
      const own = layout.own.get(parsed.scope);
      if (own) {
        own.push(parsed.file);
      } else {
        layout.own.set(parsed.scope, [parsed.file]);
      }
    }
  }
  const mounts = allContainers(sts.podSpec)
    .filter(c => c.name !== CONFIG_INIT_CONTAINER)
    .flatMap(c => asArray(c.volumeMounts)
      .filter(m => m.name === CONFIG_VOLUME)
      .map(m => ({ container: c.name, path: m.mountPath, subPath: m.subPath || undefined })));
  return { ...layout, mounts };
}

/**
 * The file names a pod gets, in the order the init container copies them (shared, own,
 * default; a name already copied is skipped), then the ones it computes itself.
 */
export function configFilesOf(layout: MemberConfigLayout, pod: string): Array<{ readonly name: string; readonly origin: FileOrigin }> {
  const result = new Map<string, FileOrigin>();
  const add = (names: string[], origin: FileOrigin) => names.filter(n => !result.has(n)).forEach(n => result.set(n, origin));
  add(layout.shared, 'shared');
  add(layout.own.get(pod) ?? [], 'own');
  add(layout.defaults, 'default');
  add(layout.templates, 'computed per member');
  return [...result.entries()].map(([name, origin]) => ({ name, origin }));
}

/**
 * The file names members have of their own that a pod added by scaling up would lack, with
 * no shared file, default or computed file of that name: such a pod refuses to start.
 */
export function missingForNewMembers(layout: MemberConfigLayout): string[] {
  const provided = new Set([...layout.shared, ...layout.defaults, ...layout.templates]);
  const missing = new Set<string>();
  for (const names of layout.own.values()) {
    names.filter(n => !provided.has(n)).forEach(n => missing.add(n));
  }
  return [...missing].sort();
}

/** Where the mounts put a file name: `<dir>/<name>`, or the mount path of a `subPath` mount of it. */
export function pathsOf(layout: MemberConfigLayout, name: string): string[] {
  return layout.mounts
    .filter(m => m.subPath === undefined || m.subPath === name)
    .map(m => m.subPath === undefined ? `${m.path.replace(/\/+$/, '')}/${name}` : m.path);
}

/** The files a member sees through the library's layout. */
export function layoutFiles(layout: MemberConfigLayout, pod: string): MemberFile[] {
  return configFilesOf(layout, pod).flatMap(f => pathsOf(layout, f.name).map(path => ({ path, origin: f.origin })));
}

/**
 * Best effort for other layouts: a ConfigMap volume mounted with a subPathExpr that expands
 * to the pod name shows each member only the keys (or items paths) under `<pod>/`.
 */
export function subPathExprFiles(bundle: Bundle, sts: StatefulSetView, pod: string): MemberFile[] {
  const files = new Map<string, MemberFile>();
  for (const container of allContainers(sts.podSpec)) {
    const podNameVars = asArray(container.env)
      .filter(e => e.valueFrom?.fieldRef?.fieldPath === 'metadata.name')
      .map(e => String(e.name));
    for (const mount of asArray(container.volumeMounts)) {
      const subPath = expand(mount.subPathExpr, podNameVars, pod);
      const volume = asArray(sts.podSpec.volumes).find(v => v.name === mount.name);
      const configMap = volume?.configMap?.name ? bundle.find('ConfigMap', sts.namespace, volume.configMap.name) : undefined;
      if (subPath === undefined || !configMap) {
        continue;
      }
      for (const entry of volumeEntries(volume.configMap, configMap)) {
        const target = entry === subPath ? mount.mountPath : entry.startsWith(`${subPath}/`) ? `${mount.mountPath}/${entry.slice(subPath.length + 1)}` : undefined;
        if (target) {
          files.set(target, { path: target, origin: `configmap ${configMap.name}` });
        }
      }
    }
  }
  return [...files.values()].sort((a, b) => compareStrings(a.path, b.path));
}

/** Whether any member's files depend on its pod name through a subPathExpr mount. */
export function usesSubPathExpr(sts: StatefulSetView): boolean {
  return allContainers(sts.podSpec).some(c => asArray(c.volumeMounts).some(m => typeof m.subPathExpr === 'string'));
}

function expand(expression: unknown, podNameVars: string[], pod: string): string | undefined {
  if (typeof expression !== 'string' || podNameVars.length === 0) {
    return undefined;
  }
  let result = expression;
  for (const name of podNameVars) {
    result = result.split(`$(${name})`).join(pod);
  }
  return result === expression || result.includes('$(') ? undefined : result;
}

function volumeEntries(source: any, configMap: K8sObject): string[] {
  const items = asArray(source?.items);
  if (items.length > 0) {
    return items.map(i => String(i.path));
  }
  return [...Object.keys(configMap.raw.data ?? {}), ...Object.keys(configMap.raw.binaryData ?? {})];
}

/** The pod name of the first member a scale-up would add. */
export function nextPod(sts: StatefulSetView): string {
  return memberPodName(sts.name, lastOrdinal(sts) + 1);
}
