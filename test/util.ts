import Ajv from 'ajv';
import { Chart, Testing } from 'cdk8s';

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
