import { Bundle } from '../bundle';
import { MemberConfigLayout, memberConfigLayout } from '../member-files';
import { allContainers, asArray, StatefulSetView } from '../workloads';
import { finding, RawFinding } from './catalog';
import { CONFIG_VOLUME } from '../../../ground/member-config';
import { isWithinMount, normalMountPath } from '../../../ground/mount-paths';

/**
 * Volume mounts of one container that collide: two at one path (the api server rejects an
 * exact repeat; a repeat spelled differently, `/conf` and `/conf/` or `/a/../conf`, hides one volume), and a
 * mount inside another that covers a file the outer volume provides.
 */
export function checkMounts(bundle: Bundle): RawFinding[] {
  return bundle.statefulSets.flatMap(sts => {
    const layout = memberConfigLayout(bundle, sts);
    return allContainers(sts.podSpec).flatMap(container => checkContainer(bundle, sts, layout, container));
  });
}

function checkContainer(bundle: Bundle, sts: StatefulSetView, layout: MemberConfigLayout | undefined, container: any): RawFinding[] {
  const mounts = asArray(container.volumeMounts).filter(m => typeof m.mountPath === 'string').map(m => ({ ...m, path: normalMountPath(m.mountPath) }));
  const findings: RawFinding[] = [];
  mounts.forEach((mount, i) => {
    const earlier = mounts.slice(0, i).find(m => m.path === mount.path);
    if (earlier) {
      const exact = earlier.mountPath === mount.mountPath;
      findings.push(finding('mount-path-repeated', sts.obj,
        `container '${container.name}' mounts '${mount.name}' at '${mount.mountPath}', where it already mounts '${earlier.name}'`
        + (exact ? '; the api server rejects a repeated mountPath' : ` ('${earlier.mountPath}'); the same directory, so one volume hides the other`)));
    }
  });
  for (const outer of mounts) {
    if (outer.subPath || outer.subPathExpr) {
      continue; // what a sub directory holds is not known
    }
    const files = volumeFiles(bundle, sts, layout, outer.name);
    for (const inner of mounts.filter(m => m.path !== outer.path && isWithinMount(m.path, outer.path))) {
      const relative = inner.path.slice(outer.path === '/' ? 1 : outer.path.length + 1);
      const hidden = files.filter(f => f === relative || f.startsWith(`${relative}/`)).sort();
      if (hidden.length > 0) {
        findings.push(finding('mount-path-hidden', sts.obj,
          `container '${container.name}' mounts '${inner.name}' at '${inner.mountPath}', inside its mount of '${outer.name}' at '${outer.mountPath}', `
          + `so it hides ${hidden.map(f => `'${f}'`).join(', ')} of '${outer.name}'`));
      }
    }
  }
  return findings;
}

/** The files a volume is known to hold: the keys (or items) of its ConfigMaps and Secrets, or the member config files. */
function volumeFiles(bundle: Bundle, sts: StatefulSetView, layout: MemberConfigLayout | undefined, name: string): string[] {
  if (name === CONFIG_VOLUME && layout) {
    return [...new Set([...layout.shared, ...layout.defaults, ...layout.templates, ...[...layout.own.values()].flat()])];
  }
  const volume = asArray(sts.podSpec.volumes).find(v => v.name === name);
  const sources = [
    ...(volume?.configMap ? [{ kind: 'ConfigMap', name: volume.configMap.name, items: volume.configMap.items }] : []),
    ...(volume?.secret ? [{ kind: 'Secret', name: volume.secret.secretName, items: volume.secret.items }] : []),
    ...asArray(volume?.projected?.sources).flatMap(s => [
      ...(s.configMap ? [{ kind: 'ConfigMap', name: s.configMap.name, items: s.configMap.items }] : []),
      ...(s.secret ? [{ kind: 'Secret', name: s.secret.name, items: s.secret.items }] : []),
      ...(s.downwardAPI ? [{ kind: '', name: '', items: s.downwardAPI.items }] : []),
    ]),
    ...(volume?.downwardAPI ? [{ kind: '', name: '', items: volume.downwardAPI.items }] : []),
  ];
  return sources.flatMap(source => {
    const items = asArray(source.items);
    if (items.length > 0) {
      return items.map(i => String(i.path));
    }
    const raw = source.kind ? bundle.find(source.kind, sts.namespace, source.name)?.raw : undefined;
    return Object.keys({ ...raw?.data, ...raw?.binaryData, ...raw?.stringData });
  });
}
