import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { Chart, Testing } from 'cdk8s';
import { expand } from '../e2e/expansion';

/** A synthesized Kubernetes object, as plain JSON. */
export type Manifest = { [key: string]: any };

/** Synthesizes the chart and returns its objects in file order. */
export function synth(chart: Chart): Manifest[] {
  return Testing.synth(chart);
}

/** The one object of this kind and name; fails the test when there is none or more. */
export function findObject(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.filter(m => m.kind === kind && m.metadata?.name === name);
  if (found.length !== 1) {
    const have = manifests.map(m => `${m.kind}/${m.metadata?.name}`).join(', ');
    throw new Error(`expected one ${kind}/${name}, found ${found.length} among: ${have}`);
  }
  return found[0];
}

/** The objects of this kind. */
export function findAll(manifests: Manifest[], kind: string): Manifest[] {
  return manifests.filter(m => m.kind === kind);
}

/** The position of an object in the file, for ordering assertions. */
export function indexOf(manifests: Manifest[], kind: string, name: string): number {
  return manifests.indexOf(findObject(manifests, kind, name));
}

/** The container of this name in a pod spec (containers or initContainers). */
export function findContainer(podSpec: Manifest, name: string, list: 'containers' | 'initContainers' = 'containers'): Manifest {
  const found = (podSpec[list] ?? []).find((c: Manifest) => c.name === name);
  if (!found) {
    throw new Error(`no ${list} entry named ${name}`);
  }
  return found;
}

/** The volume `name` of a pod spec, or undefined. */
export function findVolume(podSpec: Manifest, name: string): Manifest | undefined {
  return (podSpec.volumes ?? []).find((v: Manifest) => v.name === name);
}

/** A chart in a fresh app, with an optional namespace. */
export function newChart(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

// ---------------------------------------------------------------------------
// Kubernetes 1.27 schema, with unknown fields rejected.

const SCHEMA_ID = 'k8s-1.27';
let ajv: Ajv | undefined;
const byGroupVersionKind = new Map<string, string>();

function schemaValidator(): Ajv {
  if (ajv) {
    return ajv;
  }
  // The published definitions allow any extra field; the API server's strict field
  // validation rejects them, so every object definition is closed here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const definitions: Manifest = JSON.parse(JSON.stringify(require('./k8s-schema/v1.27.0-definitions.json').definitions));
  for (const [id, definition] of Object.entries(definitions)) {
    if (definition.properties) {
      definition.additionalProperties = false;
    }
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      byGroupVersionKind.set(`${apiVersion}/${gvk.kind}`, id);
    }
  }
  ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: SCHEMA_ID, definitions });
  return ajv;
}

/** Schema errors of one object against the Kubernetes 1.27 schema (unknown fields are errors). */
export function schemaErrors(manifest: Manifest): string[] {
  const validator = schemaValidator();
  const id = byGroupVersionKind.get(`${manifest.apiVersion}/${manifest.kind}`);
  if (!id) {
    return [`${manifest.apiVersion} ${manifest.kind} is not a Kubernetes 1.27 kind`];
  }
  const validate = validator.getSchema(`${SCHEMA_ID}#/definitions/${id}`)!;
  if (validate(manifest)) {
    return [];
  }
  return (validate.errors ?? []).map(e => `${manifest.kind}/${manifest.metadata?.name}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

// ---------------------------------------------------------------------------
// Pod Security Standards, as the pod-security admission controller checks pod specs.

const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

/** The pod spec of a workload or pod manifest. */
export function podSpecOf(manifest: Manifest): Manifest {
  return manifest.kind === 'Pod' ? manifest.spec : manifest.spec.template.spec;
}

/** Violations of the baseline Pod Security Standard. */
export function baselineViolations(podSpec: Manifest): string[] {
  const problems: string[] = [];
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (podSpec[field] === true) {
      problems.push(`${field} is true`);
    }
  }
  for (const volume of podSpec.volumes ?? []) {
    if (volume.hostPath) {
      problems.push(`volume ${volume.name} is a hostPath`);
    }
  }
  for (const c of allContainers(podSpec)) {
    const sc = c.securityContext ?? {};
    if (sc.privileged === true) {
      problems.push(`${c.name}: privileged`);
    }
    for (const cap of sc.capabilities?.add ?? []) {
      if (!BASELINE_CAPABILITIES.includes(cap)) {
        problems.push(`${c.name}: adds capability ${cap}`);
      }
    }
    for (const port of c.ports ?? []) {
      if (port.hostPort) {
        problems.push(`${c.name}: hostPort ${port.hostPort}`);
      }
    }
    const seccomp = sc.seccompProfile?.type;
    if (seccomp === 'Unconfined') {
      problems.push(`${c.name}: seccomp Unconfined`);
    }
  }
  if (podSpec.securityContext?.seccompProfile?.type === 'Unconfined') {
    problems.push('pod seccomp Unconfined');
  }
  return problems;
}

/** Violations of the restricted Pod Security Standard (which includes baseline). */
export function restrictedViolations(podSpec: Manifest): string[] {
  const problems = baselineViolations(podSpec);
  const pod = podSpec.securityContext ?? {};
  for (const volume of podSpec.volumes ?? []) {
    const type = Object.keys(volume).find(k => k !== 'name');
    if (!type || !RESTRICTED_VOLUMES.includes(type)) {
      problems.push(`volume ${volume.name} has type ${type}`);
    }
  }
  if (pod.runAsUser === 0) {
    problems.push('pod runAsUser 0');
  }
  const podSeccomp = pod.seccompProfile?.type;
  for (const c of allContainers(podSpec)) {
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) {
      problems.push(`${c.name}: allowPrivilegeEscalation is not false`);
    }
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) {
      problems.push(`${c.name}: capabilities do not drop ALL`);
    }
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap !== 'NET_BIND_SERVICE') {
        problems.push(`${c.name}: adds capability ${cap}`);
      }
    }
    const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
    if (nonRoot !== true) {
      problems.push(`${c.name}: runAsNonRoot is not true`);
    }
    if (sc.runAsUser === 0) {
      problems.push(`${c.name}: runAsUser 0`);
    }
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
      problems.push(`${c.name}: seccomp profile is ${seccomp}`);
    }
  }
  return problems;
}

function allContainers(podSpec: Manifest): Manifest[] {
  return [...podSpec.initContainers ?? [], ...podSpec.containers ?? [], ...podSpec.ephemeralContainers ?? []];
}

// ---------------------------------------------------------------------------
// What a member sees: kubelet's volumes and the init containers, run for one pod.

/** The files a member's main container sees at one mount, or why its pod does not start. */
export interface MemberView {
  /** File name to content, under the directory asked for (or the one file mounted there). */
  readonly files: { [name: string]: string };
  /** File name to permission bits. */
  readonly modes: { [name: string]: number };
  /** What the init containers wrote to stdout. */
  readonly log: string;
  /** What a failing init container wrote to stderr; undefined when the pod starts. */
  readonly error?: string;
}

/** Expands `$(VAR)` references as Kubernetes does, with the variables defined so far (the e2e run's expansion). */
export function expandVars(text: string, defined: { [name: string]: string }): string {
  return expand(text, name => Object.prototype.hasOwnProperty.call(defined, name) ? defined[name] : undefined);
}

/** The pod IP a simulated member gets: 10.0.0.<ordinal>. */
export function simulatedPodIp(podName: string): string {
  return `10.0.0.${podName.slice(podName.lastIndexOf('-') + 1)}`;
}

/**
 * A container's environment as Kubernetes builds it for the pod `podName`: downward-API
 * fields, then values with `$(VAR)` references to earlier variables expanded.
 */
export function containerEnv(container: Manifest, podName: string, namespace = 'default'): { [name: string]: string } {
  const env: { [name: string]: string } = {};
  for (const variable of container.env ?? []) {
    const field = variable.valueFrom?.fieldRef?.fieldPath;
    if (field !== undefined) {
      const fields: { [path: string]: string } = { 'metadata.name': podName, 'metadata.namespace': namespace, 'status.podIP': simulatedPodIp(podName) };
      if (fields[field] === undefined) {
        throw new Error(`cannot simulate the field ${field}`);
      }
      env[variable.name] = fields[field];
    } else if (variable.value !== undefined) {
      env[variable.name] = expandVars(variable.value, env);
    }
  }
  return env;
}

/**
 * Simulates the pod `podName` of a synthesized StatefulSet: projects its ConfigMap
 * volumes as kubelet does (files are symlinks into a `..data` directory), creates its
 * emptyDirs (and empty directories for Secret volumes), runs the init containers that
 * write the volume seen at `mountPath` (which must be `sh` commands) with their env and
 * mounts, and returns what the main container sees there: a directory, or one file
 * mounted with `subPath`.
 */
export function memberView(manifests: Manifest[], statefulSetName: string, podName: string,
  mountPath: string, namespace = 'default'): MemberView {
  const podSpec = podSpecOf(findObject(manifests, 'StatefulSet', statefulSetName));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${podName}-`));
  try {
    const volumeDirs = new Map<string, string>();
    for (const volume of podSpec.volumes ?? []) {
      const dir = path.join(root, volume.name);
      fs.mkdirSync(dir, { mode: 0o777 });
      fs.chmodSync(dir, 0o777);
      if (volume.configMap) {
        projectConfigMap(findObject(manifests, 'ConfigMap', volume.configMap.name), volume.configMap, dir);
      } else if (!volume.emptyDir && !volume.secret) {
        throw new Error(`cannot simulate volume ${volume.name}: ${JSON.stringify(volume)}`);
      }
      volumeDirs.set(volume.name, dir);
    }
    const hostPath = (container: Manifest, arg: string): string => {
      for (const mount of container.volumeMounts ?? []) {
        if (arg === mount.mountPath || arg.startsWith(`${mount.mountPath}/`)) {
          return volumeDirs.get(mount.name) + arg.slice(mount.mountPath.length);
        }
      }
      return arg;
    };
    const main = podSpec.containers[0];
    const mount = (main.volumeMounts ?? []).find((m: Manifest) => m.mountPath === mountPath);
    if (!mount) {
      throw new Error(`the main container mounts nothing at ${mountPath}`);
    }
    let log = '';
    const writers = (podSpec.initContainers ?? []).filter((init: Manifest) => (init.volumeMounts ?? []).some((m: Manifest) => m.name === mount.name));
    for (const init of writers) {
      const env = containerEnv(init, podName, namespace);
      const [shell, ...args] = [...init.command ?? [], ...init.args ?? []].map((arg: string) => hostPath(init, expandVars(arg, env)));
      if (shell !== 'sh') {
        throw new Error(`cannot simulate init container ${init.name}: it does not run sh`);
      }
      const result = childProcess.spawnSync(shell, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf-8' });
      log += result.stdout;
      if (result.status !== 0) {
        return { files: {}, modes: {}, log, error: result.stderr };
      }
    }
    const dir = volumeDirs.get(mount.name)!;
    const names = mount.subPath ? [mount.subPath] : fs.readdirSync(dir).filter(n => !n.startsWith('..')).sort();
    const files: { [name: string]: string } = {};
    const modes: { [name: string]: number } = {};
    for (const name of names) {
      files[name] = fs.readFileSync(path.join(dir, name), 'utf-8');
      modes[name] = fs.statSync(path.join(dir, name)).mode % 0o1000;
    }
    return { files, modes, log };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Writes a ConfigMap as kubelet's atomic writer does: `key -> ..data/key`, `..data -> ..<timestamp>`. */
function projectConfigMap(configMap: Manifest, source: Manifest, dir: string): void {
  if (source.items) {
    throw new Error('cannot simulate ConfigMap items');
  }
  const timestamped = path.join(dir, '..2024_01_01_00_00_00.000000000');
  fs.mkdirSync(timestamped);
  for (const [key, value] of Object.entries(configMap.data ?? {})) {
    fs.writeFileSync(path.join(timestamped, key), value as string, { mode: source.defaultMode ?? 0o644 });
    fs.symlinkSync(path.join('..data', key), path.join(dir, key));
  }
  fs.symlinkSync(path.basename(timestamped), path.join(dir, '..data'));
}
