import { Bundle } from '../bundle';
import { podReferences } from '../references';
import { allContainers, asArray } from '../workloads';
import { finding, RawFinding } from './catalog';

/**
 * ConfigMaps and Secrets a StatefulSet uses that are not in the bundle, and mounts of volumes that do not exist.
 */
export function checkReferences(bundle: Bundle): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const sts of bundle.statefulSets) {
    const seen = new Set<string>();
    for (const ref of podReferences(sts.podSpec)) {
      const key = `${ref.kind}/${ref.name}`;
      if (ref.optional || seen.has(key) || bundle.find(ref.kind, sts.namespace, ref.name)) {
        continue;
      }
      seen.add(key);
      findings.push(finding(ref.kind === 'ConfigMap' ? 'configmap-missing' : 'secret-missing', sts.obj,
        `${ref.where} references ${ref.kind.toLowerCase()} '${ref.name}', which is not in the manifests for namespace '${sts.namespace}'; `
        + (ref.where.includes('volume') ? 'pods stay in ContainerCreating until it exists' : 'the container fails with CreateContainerConfigError until it exists')));
    }
    const volumes = new Set([
      ...asArray(sts.podSpec.volumes).map(v => v.name),
      ...asArray(sts.obj.raw.spec?.volumeClaimTemplates).map(t => t.metadata?.name),
    ]);
    for (const container of allContainers(sts.podSpec)) {
      for (const mount of asArray(container.volumeMounts)) {
        if (!volumes.has(mount.name)) {
          findings.push(finding('volume-mount-unknown', sts.obj,
            `container '${container.name}' volumeMounts '${mount.name}' (${mount.mountPath}) names no entry of spec.template.spec.volumes or spec.volumeClaimTemplates; `
            + `known volumes: ${[...volumes].filter(v => v).map(v => `'${v}'`).join(', ') || 'none'}`));
        }
      }
    }
  }
  return findings;
}
