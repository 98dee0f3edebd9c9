import { memberDomain, serviceDomain } from './dns';

/**
 * One variable of a member's identity in its main container's environment: either a
 * downward-API field of the pod or a value built from earlier variables with `$(VAR)`.
 */
export interface MemberEnvVar {
  readonly name: string;
  /** The pod field (`metadata.name`, ...), when the value comes from the downward API. */
  readonly fieldPath?: string;
  /** The value, when it is not a pod field. */
  readonly value?: string;
}

/** The pod name (`metadata.name`), `<name>-<ordinal>`. */
export const POD_NAME_ENV = 'POD_NAME';
/** The namespace the pod runs in. */
export const POD_NAMESPACE_ENV = 'POD_NAMESPACE';
/** The pod's IP address (`status.podIP`). */
export const POD_IP_ENV = 'POD_IP';
/** The name of the headless governing Service. */
export const HEADLESS_SERVICE_ENV = 'HEADLESS_SERVICE';
/** The headless Service's DNS name. */
export const HEADLESS_SERVICE_DOMAIN_ENV = 'HEADLESS_SERVICE_DOMAIN';
/** The member's own DNS name. */
export const POD_FQDN_ENV = 'POD_FQDN';

/**
 * The variables every member's main container gets, before any of its own, in the order
 * they are declared: later ones are built from earlier ones with Kubernetes' `$(VAR)`
 * expansion, so they are right in whatever namespace the YAML is applied to, and the
 * container's own variables, command and args can use them as `$(POD_FQDN)`.
 */
export function memberEnv(serviceName: string, clusterDomain: string): MemberEnvVar[] {
  const domain = serviceDomain(`$(${HEADLESS_SERVICE_ENV})`, `$(${POD_NAMESPACE_ENV})`, clusterDomain);
  return [
    { name: POD_NAME_ENV, fieldPath: 'metadata.name' },
    { name: POD_NAMESPACE_ENV, fieldPath: 'metadata.namespace' },
    { name: POD_IP_ENV, fieldPath: 'status.podIP' },
    { name: HEADLESS_SERVICE_ENV, value: serviceName },
    { name: HEADLESS_SERVICE_DOMAIN_ENV, value: domain },
    { name: POD_FQDN_ENV, value: memberDomain(`$(${POD_NAME_ENV})`, `$(${HEADLESS_SERVICE_DOMAIN_ENV})`) },
  ];
}

/** The names of the member variables, which users cannot set themselves. */
export const MEMBER_ENV_NAMES = memberEnv('', '').map(v => v.name);
