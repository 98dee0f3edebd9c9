/**
 * The Kubernetes Pod Security Standard that the app's pods are built to pass.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export enum PodSecurity {
  /**
   * The `restricted` standard: pods run as a non-root user (`runAsNonRoot`),
   * with `allowPrivilegeEscalation: false`, every capability dropped
   * (only `NET_BIND_SERVICE` may be added back) and the `RuntimeDefault`
   * seccomp profile. The image must declare a numeric non-root `USER`, or the
   * container must set `securityContext.user`.
   */
  RESTRICTED = 'restricted',

  /**
   * The `baseline` standard, for images that must start as root (for example to
   * `chown` their data directory): `runAsNonRoot` is not forced and the
   * container runtime's default capabilities are kept. Privileged containers
   * are still refused, and the `RuntimeDefault` seccomp profile is still set.
   */
  BASELINE = 'baseline',
}
