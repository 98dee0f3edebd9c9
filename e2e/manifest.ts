import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';

/**
 * The parts of Kubernetes objects the harness reads, with the field names of the API.
 * Fields the harness cannot run are refused by `unsupportedFields`, never ignored.
 */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
}

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly protocol?: string;
}

export interface Service extends KubeObject {
  readonly spec: {
    readonly clusterIP?: string;
    readonly type?: string;
    readonly selector?: Readonly<Record<string, string>>;
    readonly ports?: readonly ServicePort[];
    readonly publishNotReadyAddresses?: boolean;
  };
}

export interface ConfigMap extends KubeObject {
  readonly data?: Readonly<Record<string, string>>;
  readonly binaryData?: Readonly<Record<string, string>>;
}

export interface Secret extends KubeObject {
  readonly data?: Readonly<Record<string, string>>;
  readonly stringData?: Readonly<Record<string, string>>;
}

export interface KeySelector {
  readonly name: string;
  readonly key: string;
  readonly optional?: boolean;
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly fieldRef?: { readonly fieldPath: string };
    readonly secretKeyRef?: KeySelector;
    readonly configMapKeyRef?: KeySelector;
  };
}

export interface Probe {
  readonly tcpSocket?: { readonly port: number | string };
  readonly httpGet?: { readonly path?: string; readonly port: number | string; readonly scheme?: string };
  readonly exec?: { readonly command: readonly string[] };
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly successThreshold?: number;
  readonly failureThreshold?: number;
}

export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly subPath?: string;
  readonly subPathExpr?: string;
  readonly readOnly?: boolean;
}

export interface SecurityContext {
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly readOnlyRootFilesystem?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol?: string;
}

export interface Container {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly workingDir?: string;
  readonly env?: readonly EnvVar[];
  readonly ports?: readonly ContainerPort[];
  readonly readinessProbe?: Probe;
  readonly volumeMounts?: readonly VolumeMount[];
  readonly securityContext?: SecurityContext;
}

export interface KeyToPath {
  readonly key: string;
  readonly path: string;
  readonly mode?: number;
}

/** What ConfigMap and Secret volumes share. */
export interface Projection {
  readonly items?: readonly KeyToPath[];
  readonly defaultMode?: number;
  readonly optional?: boolean;
}

export interface Volume {
  readonly name: string;
  readonly emptyDir?: object;
  readonly configMap?: { readonly name: string } & Projection;
  readonly secret?: { readonly secretName: string } & Projection;
}

export interface PodSpec {
  readonly containers: readonly Container[];
  readonly terminationGracePeriodSeconds?: number;
  readonly initContainers?: readonly Container[];
  readonly volumes?: readonly Volume[];
  readonly securityContext?: {
    readonly runAsUser?: number;
    readonly runAsGroup?: number;
    readonly fsGroup?: number;
    readonly supplementalGroups?: readonly number[];
  };
}

export interface StatefulSet extends KubeObject {
  readonly spec: {
    readonly replicas?: number;
    readonly serviceName: string;
    readonly podManagementPolicy?: string;
    readonly ordinals?: { readonly start?: number };
    readonly template: {
      readonly metadata?: { readonly labels?: Readonly<Record<string, string>> };
      readonly spec: PodSpec;
    };
    readonly volumeClaimTemplates?: readonly { readonly metadata: { readonly name: string } }[];
  };
}

/** The namespace objects without one are applied to, and the cluster domain. */
export const DEFAULT_NAMESPACE = 'default';
export const CLUSTER_DOMAIN = 'cluster.local';

/** The label the StatefulSet controller puts on each pod, which Services may select. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

export function namespaceOf(object: KubeObject): string {
  return object.metadata.namespace ?? DEFAULT_NAMESPACE;
}

/** The objects of one synthesized YAML file. */
export class Bundle {
  /** Reads every document of a multi-document YAML file. */
  public static read(file: string): Bundle {
    const documents = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    return new Bundle(documents.map(d => d.toJS() as KubeObject).filter(o => o !== null));
  }

  constructor(public readonly objects: readonly KubeObject[]) {}

  public ofKind<T extends KubeObject>(kind: string): T[] {
    return this.objects.filter(o => o.kind === kind) as T[];
  }

  public find<T extends KubeObject>(kind: string, namespace: string, name: string): T | undefined {
    return this.ofKind<T>(kind).find(o => o.metadata.name === name && namespaceOf(o) === namespace);
  }
}

/** Whether a Service's selector selects a pod with these labels (an empty selector selects nothing). */
export function selects(selector: Readonly<Record<string, string>> | undefined, labels: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

export function isHeadless(service: Service): boolean {
  return service.spec.clusterIP === 'None';
}

/** Ports given by name resolve through the container's named ports. */
export function resolvePort(port: number | string, container: Container): number {
  if (typeof port === 'number') {
    return port;
  }
  const found = (container.ports ?? []).find(p => p.name === port);
  if (!found) {
    throw new Error(`container '${container.name}' has no port named '${port}'`);
  }
  return found.containerPort;
}

const KNOWN_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'status.podIP'];

/**
 * What the harness would have to ignore to run this StatefulSet: every field it does not
 * reproduce, so that a new feature of the examples fails the run with a clear line instead
 * of passing untested. An empty list means the pod template runs as written.
 */
export function unsupportedFields(sts: StatefulSet): string[] {
  const problems: string[] = [];
  const spec = sts.spec.template.spec;
  const podFields = spec as unknown as Record<string, unknown>;
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace']) {
    if (podFields[field] === true) {
      problems.push(`spec.template.spec.${field}`);
    }
  }
  if (podFields.dnsPolicy !== undefined && podFields.dnsPolicy !== 'ClusterFirst') {
    problems.push(`spec.template.spec.dnsPolicy '${String(podFields.dnsPolicy)}' (only ClusterFirst)`);
  }
  if (podFields.dnsConfig !== undefined) {
    problems.push('spec.template.spec.dnsConfig');
  }
  for (const volume of spec.volumes ?? []) {
    if (!volume.emptyDir && !volume.configMap && !volume.secret) {
      problems.push(`volume '${volume.name}': only emptyDir, configMap and secret volumes (and volumeClaimTemplates)`);
    }
  }
  const containers = [...spec.initContainers ?? [], ...spec.containers];
  for (const container of containers) {
    const where = `container '${container.name}'`;
    const fields = container as unknown as Record<string, unknown>;
    for (const field of ['envFrom', 'lifecycle', 'restartPolicy', 'volumeDevices']) {
      if (fields[field] !== undefined) {
        problems.push(`${where}: ${field}`);
      }
    }
    for (const env of container.env ?? []) {
      const fieldPath = env.valueFrom?.fieldRef?.fieldPath;
      if (fieldPath !== undefined && !KNOWN_FIELD_PATHS.includes(fieldPath)) {
        problems.push(`${where}: env '${env.name}' from field '${fieldPath}' (only ${KNOWN_FIELD_PATHS.join(', ')})`);
      }
      const from = env.valueFrom as Record<string, unknown> | undefined;
      if (from && !from.fieldRef && !from.secretKeyRef && !from.configMapKeyRef) {
        problems.push(`${where}: env '${env.name}' from ${Object.keys(from).join(', ')}`);
      }
    }
    const probe = container.readinessProbe;
    if (probe && !probe.tcpSocket && !probe.httpGet && !probe.exec) {
      problems.push(`${where}: readinessProbe without tcpSocket, httpGet or exec`);
    }
    if (probe?.httpGet?.scheme !== undefined && probe.httpGet.scheme !== 'HTTP') {
      problems.push(`${where}: readinessProbe httpGet scheme '${probe.httpGet.scheme}' (only HTTP)`);
    }
  }
  return problems;
}
