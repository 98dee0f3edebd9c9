import { Severity } from '../../finding';
import { K8sObject } from '../objects';

/**
 * What a rule is about and how to fix what it finds. The one place rule ids, severities and
 * the matching checks of other linters are decided; the README's rule table lists the same.
 */
export interface RuleInfo {
  readonly severity: Severity;
  /** What the rule finds, in a few words (the title of a code-scanning alert). */
  readonly summary: string;
  readonly fix: string;
  /** The checks of kube-score and kube-linter that find the same, as `<tool> <check>`. */
  readonly seeAlso: readonly string[];
}

const E = Severity.ERROR;
const W = Severity.WARNING;

export const RULES = {
  'governing-service-unset': {
    severity: E,
    summary: 'statefulset without spec.serviceName',
    fix: 'set spec.serviceName to the name of a headless service that selects the pods',
    seeAlso: ['kube-score statefulset-has-servicename'],
  },
  'governing-service-missing': {
    severity: E,
    summary: 'governing service not in the manifests',
    fix: 'add a headless service (clusterIP: None) named after spec.serviceName in the same namespace',
    seeAlso: ['kube-score statefulset-has-servicename'],
  },
  'governing-service-not-headless': {
    severity: E,
    summary: 'governing service is not headless',
    fix: "set clusterIP: None on the governing service (a new service is needed, clusterIP can't change)",
    seeAlso: ['kube-score statefulset-has-servicename'],
  },
  'governing-service-selector-mismatch': {
    severity: E,
    summary: 'governing service does not select the members',
    fix: "make the governing service's spec.selector a subset of the pod template labels",
    seeAlso: [],
  },
  'statefulset-selector-mismatch': {
    severity: E,
    summary: 'spec.selector does not select the pod template',
    fix: 'make spec.selector match spec.template.metadata.labels',
    seeAlso: ['kube-score statefulset-pod-selector-labels-match-template-metadata-labels', 'kube-linter mismatching-selector'],
  },
  'service-selects-nothing': {
    severity: E,
    summary: 'service selects no pod',
    fix: "make the service's spec.selector match the pod template labels",
    seeAlso: ['kube-score service-targets-pod', 'kube-linter dangling-service'],
  },
  'pdb-selects-nothing': {
    severity: E,
    summary: 'disruption budget selects no pod',
    fix: "make the PodDisruptionBudget's spec.selector match the pod template labels",
    seeAlso: [],
  },
  'anti-affinity-selects-nothing': {
    severity: E,
    summary: 'anti-affinity term does not select the own members',
    fix: "make the anti-affinity term's labelSelector select the statefulset's own pod labels",
    seeAlso: [],
  },
  'pdb-missing': {
    severity: W,
    summary: 'statefulset of two or more members without a disruption budget',
    fix: 'add a PodDisruptionBudget that selects the members, with maxUnavailable that keeps the quorum',
    seeAlso: ['kube-score statefulset-has-poddisruptionbudget'],
  },
  'pdb-eviction-policy-unset': {
    severity: W,
    summary: 'disruption budget without unhealthyPodEvictionPolicy',
    fix: 'set spec.unhealthyPodEvictionPolicy: AlwaysAllow so a drain can evict members that are not ready',
    seeAlso: ['kube-linter pdb-unhealthy-pod-eviction-policy'],
  },
  'duplicate-object': {
    severity: E,
    summary: 'two objects with the same kind, namespace and name',
    fix: 'rename or remove one of the objects: applying both keeps only the last one',
    seeAlso: [],
  },
  'container-port-unnamed': {
    severity: W,
    summary: 'container port without a name',
    fix: 'name every container port so services can target it by name',
    seeAlso: [],
  },
  'container-port-name-invalid': {
    severity: E,
    summary: 'container port name is not an IANA service name',
    fix: "use an IANA_SVC_NAME: at most 15 characters, a-z, 0-9 and '-', at least one letter",
    seeAlso: ['kube-score container-ports-check', 'kube-linter invalid-target-ports'],
  },
  'service-port-unnamed': {
    severity: W,
    summary: 'service port without a name on a service with several ports',
    fix: 'name every port of a service that has more than one port',
    seeAlso: [],
  },
  'service-port-name-invalid': {
    severity: E,
    summary: 'service port name is not a DNS label',
    fix: 'use a DNS-1123 label as the service port name',
    seeAlso: [],
  },
  'service-target-port-unknown': {
    severity: E,
    summary: 'service targets a port name the pods do not declare',
    fix: 'use a targetPort name that a container port of the selected pods declares',
    seeAlso: [],
  },
  'probe-port-unknown': {
    severity: E,
    summary: 'probe names a port the container does not declare',
    fix: 'name a port of the container in the probe, or use the port number',
    seeAlso: ['kube-linter liveness-port', 'kube-linter readiness-port', 'kube-linter startup-port'],
  },
  'probes-identical': {
    severity: W,
    summary: 'readiness and liveness probes are identical',
    fix: 'make the liveness probe more lenient than the readiness probe (higher failureThreshold or another check)',
    seeAlso: ['kube-score pod-probes-identical'],
  },
  'readiness-probe-missing': {
    severity: W,
    summary: 'OrderedReady without a readiness probe',
    fix: 'add a readinessProbe, or set podManagementPolicy: Parallel when order does not matter',
    seeAlso: ['kube-linter no-readiness-probe', 'kube-score pod-probes'],
  },
  'statefulset-name-too-long': {
    severity: E,
    summary: 'statefulset name over 52 characters',
    fix: 'shorten the statefulset name to at most 52 characters',
    seeAlso: [],
  },
  'pod-name-too-long': {
    severity: E,
    summary: 'member pod name over 63 characters',
    fix: 'shorten the statefulset name or lower the highest ordinal so <name>-<ordinal> fits in 63 characters',
    seeAlso: [],
  },
  'name-not-dns-label': {
    severity: E,
    summary: 'name is not a DNS label',
    fix: "use a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters",
    seeAlso: [],
  },
  'publish-not-ready-not-headless': {
    severity: E,
    summary: 'publishNotReadyAddresses on a load-balanced service',
    fix: 'set clusterIP: None, or drop publishNotReadyAddresses from the load-balanced service',
    seeAlso: [],
  },
  'configmap-missing': {
    severity: W,
    summary: 'configmap not in the manifests',
    fix: 'add the configmap to the manifests, make sure it is created elsewhere (and accept the finding), or mark the reference optional',
    seeAlso: ['kube-linter env-value-from'],
  },
  'secret-missing': {
    severity: W,
    summary: 'secret not in the manifests',
    fix: 'add the secret to the manifests, make sure it is created elsewhere (and accept the finding), or mark the reference optional',
    seeAlso: ['kube-linter env-value-from'],
  },
  'volume-mount-unknown': {
    severity: E,
    summary: 'volume mount names no volume',
    fix: 'add the volume to spec.template.spec.volumes or spec.volumeClaimTemplates, or fix the mount name',
    seeAlso: [],
  },
  'mount-path-repeated': {
    severity: E,
    summary: 'two volume mounts at one path',
    fix: 'give each volume mount of a container its own mountPath',
    seeAlso: [],
  },
  'mount-path-hidden': {
    severity: W,
    summary: 'volume mount hides a file of another mount',
    fix: 'move the inner mount, or drop the file it hides from the outer volume',
    seeAlso: [],
  },
  'network-policy-blocks-wait': {
    severity: E,
    summary: 'network policy blocks a start-order wait',
    fix: "allow the waiting app's pods in the network policy on the port it waits for",
    seeAlso: [],
  },
  'network-policy-blocks-clients': {
    severity: W,
    summary: 'network policy admits no client on a port a service publishes',
    fix: 'allow the clients (by pod or namespace labels) on the port in the network policy, or drop the port from the service',
    seeAlso: [],
  },
  'gitops-drift': {
    severity: W,
    summary: 'field the api server fills in or drops, so gitops tools never see the app in sync',
    fix: 'write claim templates with apiVersion: v1 and kind: PersistentVolumeClaim, and leave out empty lists and maps',
    seeAlso: [],
  },
  'dependency-after-statefulset': {
    severity: W,
    summary: 'object a statefulset needs comes after it',
    fix: 'move the object before the statefulset in the manifests',
    seeAlso: [],
  },
  'immutable-field-changed': {
    severity: E,
    summary: 'change to a field a live statefulset rejects',
    fix: 'delete the statefulset with --cascade=orphan, then apply the new manifest',
    seeAlso: [],
  },
  'claims-abandoned': {
    severity: E,
    summary: 'members start on new claims while their data stays in unmounted ones',
    fix: "keep the statefulset's name and its claim templates' names (adopt the live statefulset)",
    seeAlso: [],
  },
  'acceptance-invalid': {
    severity: E,
    summary: 'acceptance annotation names no rule or gives no reason',
    fix: 'name a rule id after the annotation prefix and give the reason as the value',
    seeAlso: [],
  },
  'acceptance-unused': {
    severity: W,
    summary: 'acceptance annotation accepts nothing',
    fix: 'remove the annotation: the rule no longer finds anything on the object',
    seeAlso: [],
  },
} satisfies { [id: string]: RuleInfo };

export type RuleId = keyof typeof RULES;

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}

/**
 * A finding as rules produce it, before it is rendered for the public API.
 */
export interface RawFinding {
  readonly rule: RuleId;
  readonly subject: K8sObject;
  readonly message: string;
  /** The reason given in the subject's acceptance annotation, when the finding is accepted. */
  readonly accepted?: string;
}

export function finding(rule: RuleId, subject: K8sObject, message: string): RawFinding {
  return { rule, subject, message };
}

/** ` (did you mean 'secret-missing'?)` for a misspelt rule id, or nothing when no rule is close. */
export function didYouMean(id: string): string {
  const ranked = Object.keys(RULES).map(rule => ({ rule, distance: editDistance(id, rule) })).sort((a, b) => a.distance - b.distance);
  return ranked[0].distance <= 3 ? ` (did you mean '${ranked[0].rule}'?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
