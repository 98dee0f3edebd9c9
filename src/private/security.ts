import * as kplus from 'cdk8s-plus-27';
import { Problems, show } from '../ground/problems';
import { PodSecurity } from '../pod-security';

/** Capabilities the baseline standard lets a container add (restricted: only NET_BIND_SERVICE). */
const BASELINE_CAPABILITIES = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];
const RESTRICTED_CAPABILITIES = ['NET_BIND_SERVICE'];

/**
 * cdk8s-plus names capabilities `CAP_X`; the Pod Security Standards compare the bare `X`,
 * which the container runtimes accept as well.
 */
function bareCapability(capability: string): string {
  return capability.replace(/^CAP_/, '');
}

/**
 * Reports what in a container's security context the pod security level does not allow.
 */
export function checkContainerSecurity(problems: Problems, property: string,
  context: kplus.ContainerSecurityContextProps | undefined, level: PodSecurity): void {
  const sc = context ?? {};
  const relax = 'set \'podSecurity: PodSecurity.BASELINE\' for an image that must run as root';
  problems.check(sc.privileged !== true, `${property}.securityContext.privileged`,
    'must not be true: privileged containers pass no Pod Security Standard but \'privileged\', which this library does not build, got true');
  const allowed = level === PodSecurity.RESTRICTED ? RESTRICTED_CAPABILITIES : BASELINE_CAPABILITIES;
  (sc.capabilities?.add ?? []).forEach((capability, i) => {
    problems.check(allowed.includes(bareCapability(capability)), `${property}.securityContext.capabilities.add[${i}]`,
      `must only add ${allowed.join(', ')} under the ${level} Pod Security Standard, got '${capability}'`);
  });
  for (const field of ['user', 'group'] as const) {
    if (sc[field] !== undefined) {
      problems.checkInteger(`${property}.securityContext.${field}`, sc[field], 0);
    }
  }
  if (level !== PodSecurity.RESTRICTED) {
    problems.check(!(sc.ensureNonRoot === true && sc.user === 0), `${property}.securityContext.user`,
      `must not be 0 while 'ensureNonRoot' is true: the kubelet refuses to start the container, got ${show(sc.user)}`);
    return;
  }
  problems.check(sc.ensureNonRoot !== false, `${property}.securityContext.ensureNonRoot`,
    `must not be false under the restricted Pod Security Standard, got false: ${relax}`);
  problems.check(sc.user !== 0, `${property}.securityContext.user`,
    `must not be 0 (root) under the restricted Pod Security Standard, got 0: ${relax}`);
  problems.check(sc.allowPrivilegeEscalation !== true, `${property}.securityContext.allowPrivilegeEscalation`,
    `must not be true under the restricted Pod Security Standard, got true: ${relax}`);
}

/**
 * The container's security context as cdk8s-plus renders it, with the level's requirements
 * applied on top of the user's choices. Capabilities are written by `containerCapabilities`.
 */
export function containerSecurityContext(context: kplus.ContainerSecurityContextProps | undefined,
  level: PodSecurity): kplus.ContainerSecurityContextProps {
  const sc = context ?? {};
  const restricted = level === PodSecurity.RESTRICTED;
  return {
    ...sc,
    capabilities: undefined,
    privileged: false,
    ensureNonRoot: restricted ? true : sc.ensureNonRoot ?? false,
    allowPrivilegeEscalation: restricted ? false : sc.allowPrivilegeEscalation,
  };
}

/**
 * The capabilities of a container in the bare form the Pod Security Standards compare
 * (cdk8s-plus writes `CAP_X`): `drop: [ALL]` under restricted, or undefined when there are none.
 */
export function containerCapabilities(context: kplus.ContainerSecurityContextProps | undefined,
  level: PodSecurity): { add?: string[]; drop?: string[] } | undefined {
  const add = (context?.capabilities?.add ?? []).map(bareCapability);
  const drop = level === PodSecurity.RESTRICTED ? ['ALL'] : (context?.capabilities?.drop ?? []).map(bareCapability);
  if (add.length === 0 && drop.length === 0) {
    return undefined;
  }
  return {
    ...(add.length > 0 ? { add } : {}),
    ...(drop.length > 0 ? { drop } : {}),
  };
}
