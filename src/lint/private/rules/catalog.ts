import { Severity } from '../../finding';
import { K8sObject } from '../objects';

/**
 * What a rule is about and how to fix what it finds. The one place severities are decided.
 */
export interface RuleInfo {
  readonly severity: Severity;
  readonly fix: string;
}

const E = Severity.ERROR;
const W = Severity.WARNING;

export const RULES = {
  'governing-service-unset': { severity: E, fix: 'set spec.serviceName to the name of a headless service that selects the pods' },
  'governing-service-missing': { severity: E, fix: 'add a headless service (clusterIP: None) named after spec.serviceName in the same namespace' },
  'governing-service-not-headless': { severity: E, fix: "set clusterIP: None on the governing service (a new service is needed, clusterIP can't change)" },
  'governing-service-selector-mismatch': { severity: E, fix: "make the governing service's spec.selector a subset of the pod template labels" },
  'statefulset-selector-mismatch': { severity: E, fix: 'make spec.selector match spec.template.metadata.labels' },
  'service-selects-nothing': { severity: W, fix: "make the service's spec.selector match the pod template labels" },
  'pdb-selects-nothing': { severity: W, fix: "make the PodDisruptionBudget's spec.selector match the pod template labels" },
  'anti-affinity-selects-nothing': { severity: W, fix: "make the anti-affinity term's labelSelector select the statefulset's own pod labels" },
  'container-port-unnamed': { severity: W, fix: 'name every container port so services can target it by name' },
  'container-port-name-invalid': { severity: E, fix: "use an IANA_SVC_NAME: at most 15 characters, a-z, 0-9 and '-', at least one letter" },
  'service-port-unnamed': { severity: W, fix: 'name every port of a service that has more than one port' },
  'service-port-name-invalid': { severity: E, fix: 'use a DNS-1123 label as the service port name' },
  'service-target-port-unknown': { severity: E, fix: 'use a targetPort name that a container port of the selected pods declares' },
  'readiness-probe-missing': { severity: W, fix: 'add a readinessProbe, or set podManagementPolicy: Parallel when order does not matter' },
  'statefulset-name-too-long': { severity: E, fix: 'shorten the statefulset name to at most 52 characters' },
  'pod-name-too-long': { severity: E, fix: 'shorten the statefulset name or lower the highest ordinal so <name>-<ordinal> fits in 63 characters' },
  'name-not-dns-label': { severity: E, fix: "use a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters" },
  'publish-not-ready-not-headless': { severity: E, fix: 'set clusterIP: None, or drop publishNotReadyAddresses from the load-balanced service' },
  'configmap-missing': { severity: W, fix: 'add the configmap to the manifests, make sure it is created elsewhere, or mark the reference optional' },
  'secret-missing': { severity: W, fix: 'add the secret to the manifests, make sure it is created elsewhere, or mark the reference optional' },
  'volume-mount-unknown': { severity: E, fix: 'add the volume to spec.template.spec.volumes or spec.volumeClaimTemplates, or fix the mount name' },
  'dependency-after-statefulset': { severity: W, fix: 'move the object before the statefulset in the manifests' },
  'immutable-field-changed': { severity: E, fix: 'delete the statefulset with --cascade=orphan, then apply the new manifest' },
} satisfies { [id: string]: RuleInfo };

export type RuleId = keyof typeof RULES;

/**
 * A finding as rules produce it, before it is rendered for the public API.
 */
export interface RawFinding {
  readonly rule: RuleId;
  readonly subject: K8sObject;
  readonly message: string;
}

export function finding(rule: RuleId, subject: K8sObject, message: string): RawFinding {
  return { rule, subject, message };
}
