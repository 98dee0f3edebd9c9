import { bool, int, intOrString, list, map, obj, oneOf, Shape, str } from './shape';

/**
 * The shapes of the fields the linter reads, per kind. Fields it does not read are not
 * checked: the API server does that.
 */

const labels = map(str);

const labelSelector = obj({
  matchLabels: labels,
  matchExpressions: list(obj({ key: str, operator: oneOf(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: list(str) })),
});

const objectMeta = obj({ name: str, namespace: str, labels, annotations: map(str) });

const port = int(1, 65535);

const probe = obj({
  httpGet: obj({ port: intOrString, path: str }),
  tcpSocket: obj({ port: intOrString }),
  grpc: obj({ port }),
  exec: obj({ command: list(str) }),
});

const keyRef = obj({ name: str, key: str, optional: bool });
const sourceRef = obj({ name: str, optional: bool });

const container = obj({
  name: str,
  image: str,
  command: list(str),
  args: list(str),
  ports: list(obj({ name: str, containerPort: port, protocol: str })),
  env: list(obj({
    name: str,
    value: str,
    valueFrom: obj({ fieldRef: obj({ fieldPath: str }), configMapKeyRef: keyRef, secretKeyRef: keyRef }),
  })),
  envFrom: list(obj({ configMapRef: sourceRef, secretRef: sourceRef })),
  volumeMounts: list(obj({ name: str, mountPath: str, subPath: str, subPathExpr: str, readOnly: bool })),
  readinessProbe: probe,
  livenessProbe: probe,
  startupProbe: probe,
});

const keyToPath = list(obj({ key: str, path: str }));
const downwardItems = list(obj({ path: str }));

const volume = obj({
  name: str,
  configMap: obj({ name: str, items: keyToPath, optional: bool }),
  secret: obj({ secretName: str, items: keyToPath, optional: bool }),
  projected: obj({
    sources: list(obj({
      configMap: obj({ name: str, items: keyToPath, optional: bool }),
      secret: obj({ name: str, items: keyToPath, optional: bool }),
      downwardAPI: obj({ items: downwardItems }),
    })),
  }),
  downwardAPI: obj({ items: downwardItems }),
  emptyDir: obj({}),
  persistentVolumeClaim: obj({ claimName: str }),
});

const affinityTerm = obj({ labelSelector, namespaces: list(str), topologyKey: str });

const podSpec = obj({
  containers: list(container),
  initContainers: list(container),
  volumes: list(volume),
  serviceAccountName: str,
  serviceAccount: str,
  affinity: obj({
    podAntiAffinity: obj({
      requiredDuringSchedulingIgnoredDuringExecution: list(affinityTerm),
      preferredDuringSchedulingIgnoredDuringExecution: list(obj({ weight: int(), podAffinityTerm: affinityTerm })),
    }),
  }),
});

const claimTemplate = obj({
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: obj({
    accessModes: list(str),
    storageClassName: str,
    volumeMode: str,
    resources: obj({ requests: map(intOrString), limits: map(intOrString) }),
  }),
});

/** Only the labels of other workloads' pods are read. */
const templateLabelsOnly = obj({ metadata: objectMeta });

const networkPeer = obj({ podSelector: labelSelector, namespaceSelector: labelSelector, ipBlock: obj({ cidr: str, except: list(str) }) });
const networkPorts = list(obj({ port: intOrString, endPort: port, protocol: str }));

const KINDS = new Map<string, Shape>(Object.entries({
  StatefulSet: obj({
    spec: obj({
      replicas: int(),
      serviceName: str,
      podManagementPolicy: str,
      ordinals: obj({ start: int() }),
      selector: labelSelector,
      template: obj({ metadata: objectMeta, spec: podSpec }),
      volumeClaimTemplates: list(claimTemplate),
      updateStrategy: obj({ type: str, rollingUpdate: obj({ partition: int(), maxUnavailable: intOrString }) }),
      persistentVolumeClaimRetentionPolicy: obj({ whenDeleted: str, whenScaled: str }),
      minReadySeconds: int(),
      revisionHistoryLimit: int(),
    }),
  }),
  Deployment: obj({ spec: obj({ template: templateLabelsOnly }) }),
  ReplicaSet: obj({ spec: obj({ template: templateLabelsOnly }) }),
  DaemonSet: obj({ spec: obj({ template: templateLabelsOnly }) }),
  Job: obj({ spec: obj({ template: templateLabelsOnly }) }),
  ReplicationController: obj({ spec: obj({ template: templateLabelsOnly }) }),
  CronJob: obj({ spec: obj({ jobTemplate: obj({ spec: obj({ template: templateLabelsOnly }) }) }) }),
  Service: obj({
    spec: obj({
      clusterIP: str,
      type: str,
      selector: labels,
      publishNotReadyAddresses: bool,
      ports: list(obj({ name: str, port, targetPort: intOrString, protocol: str })),
    }),
  }),
  PodDisruptionBudget: obj({
    spec: obj({ selector: labelSelector, minAvailable: intOrString, maxUnavailable: intOrString, unhealthyPodEvictionPolicy: str }),
  }),
  NetworkPolicy: obj({
    spec: obj({
      podSelector: labelSelector,
      policyTypes: list(str),
      ingress: list(obj({ from: list(networkPeer), ports: networkPorts })),
      egress: list(obj({ to: list(networkPeer), ports: networkPorts })),
    }),
  }),
  ConfigMap: obj({ data: map(str), binaryData: map(str) }),
  Secret: obj({ data: map(str), stringData: map(str) }),
}));

const metadataOnly = obj({ metadata: objectMeta });

/**
 * The problems of an object's fields, as `'<path>' must be ...` messages.
 */
export function shapeProblems(kind: string, raw: unknown): string[] {
  const problems: string[] = [];
  metadataOnly(raw, undefined, problems);
  KINDS.get(kind)?.(raw, undefined, problems);
  return problems;
}
