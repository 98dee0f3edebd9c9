import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Mount } from './container';
import { ResolvedEnvVar } from './expansion';
import { LocalImage } from './images';
import { CLUSTER_DOMAIN, EnvVar, StatefulSet } from './manifest';
import { NODE_ADDRESS } from './network';
import { ObjectData } from './object-data';
import { prepareWritableDir, projectedFiles, writeProjectedVolume } from './volumes';

/** What kubelet knows of a pod when it sets it up. */
export interface PodIdentity {
  readonly name: string;
  readonly namespace: string;
  readonly ip: string;
  readonly fqdn: string;
}

/** A pod volume's directory on this machine. */
export interface Volume {
  readonly path: string;
  readonly readOnly: boolean;
}

/** /etc/hosts, /etc/hostname and /etc/resolv.conf as kubelet writes them for a pod with a subdomain. */
export function writePodFiles(etc: string, pod: PodIdentity): void {
  fs.mkdirSync(etc, { recursive: true });
  fs.writeFileSync(path.join(etc, 'hostname'), `${pod.name}\n`, { mode: 0o644 });
  fs.writeFileSync(path.join(etc, 'hosts'), [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    `${pod.ip}\t${pod.fqdn}\t${pod.name}`,
    '',
  ].join('\n'), { mode: 0o644 });
  fs.writeFileSync(path.join(etc, 'resolv.conf'), [
    `search ${pod.namespace}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}`,
    `nameserver ${NODE_ADDRESS}`,
    'options ndots:5',
    '',
  ].join('\n'), { mode: 0o644 });
}

/**
 * The pod's volumes: emptyDirs and ConfigMap and Secret volumes under `podDir`, and one
 * directory per claim template under `claimsDir`, kept for the member's next pod.
 */
export function prepareVolumes(podDir: string, claimsDir: string, sts: StatefulSet, pod: PodIdentity, data: ObjectData): Map<string, Volume> {
  const spec = sts.spec.template.spec;
  const fsGroup = spec.securityContext?.fsGroup;
  const volumes = new Map<string, Volume>();
  for (const volume of spec.volumes ?? []) {
    const dir = path.join(podDir, 'volumes', volume.name);
    if (volume.emptyDir) {
      prepareWritableDir(dir, 'emptyDir', fsGroup);
      volumes.set(volume.name, { path: dir, readOnly: false });
      continue;
    }
    const source = volume.configMap
      ? { kind: 'ConfigMap', name: volume.configMap.name, projection: volume.configMap, data: data.configMap(pod.namespace, volume.configMap.name) }
      : { kind: 'Secret', name: volume.secret?.secretName ?? '', projection: volume.secret, data: data.secret(pod.namespace, volume.secret?.secretName ?? '') };
    if (!source.data && !source.projection?.optional) {
      throw new Error(`${pod.name}: volume '${volume.name}': ${source.kind} '${source.name}' not found`);
    }
    try {
      writeProjectedVolume(dir, projectedFiles(source.data ?? new Map(), source.projection?.items, source.projection?.defaultMode), fsGroup);
    } catch (error) {
      throw new Error(`${pod.name}: volume '${volume.name}' (${source.kind} '${source.name}'): ${(error as Error).message}`);
    }
    volumes.set(volume.name, { path: dir, readOnly: true });
  }
  for (const claim of sts.spec.volumeClaimTemplates ?? []) {
    const dir = path.join(claimsDir, `${claim.metadata.name}-${pod.name}`);
    prepareWritableDir(dir, 'claim', fsGroup);
    volumes.set(claim.metadata.name, { path: dir, readOnly: false });
  }
  return volumes;
}

/** The values of a container's env entries: literals as written, the others from the downward API, Secrets and ConfigMaps. */
export function resolveEnv(env: readonly EnvVar[], pod: PodIdentity, data: ObjectData): ResolvedEnvVar[] {
  return env.map(entry => {
    const from = entry.valueFrom;
    if (!from) {
      return { name: entry.name, value: entry.value ?? '', literal: true };
    }
    if (from.fieldRef) {
      const fields: Record<string, string> = { 'metadata.name': pod.name, 'metadata.namespace': pod.namespace, 'status.podIP': pod.ip };
      return { name: entry.name, value: fields[from.fieldRef.fieldPath], literal: false };
    }
    const ref = from.secretKeyRef ?? from.configMapKeyRef;
    const kind = from.secretKeyRef ? 'Secret' : 'ConfigMap';
    const values = from.secretKeyRef
      ? data.secret(pod.namespace, from.secretKeyRef.name)
      : data.configMap(pod.namespace, ref?.name ?? '');
    const value = values?.get(ref?.key ?? '');
    if (value === undefined && !ref?.optional) {
      throw new Error(`${pod.name}: env '${entry.name}': key '${ref?.key}' of ${kind} '${ref?.name}' not found`);
    }
    return { name: entry.name, value: value?.toString() ?? '', literal: false };
  });
}

/** The directory of links to a multi-call binary's applets, made once per run. */
function appletDir(runDir: string, binary: string): string {
  const dir = path.join(runDir, 'applets', path.basename(binary));
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    const list = execFileSync(binary, ['--list'], { encoding: 'utf8' });
    for (const applet of list.split('\n').filter(Boolean)) {
      fs.symlinkSync(fs.realpathSync(binary), path.join(dir, applet));
    }
  }
  return dir;
}

/** What the image table places in a container's root for its image. */
export function imageMounts(image: LocalImage, runDir: string): Mount[] {
  const mounts: Mount[] = Object.entries(image.files).map(([target, source]) =>
    ({ source, target, readOnly: true, isFile: !fs.statSync(source).isDirectory() }));
  if (image.applets) {
    mounts.push({ source: appletDir(runDir, image.applets), target: '/usr/local/bin', readOnly: true, isFile: false });
  }
  return mounts;
}
