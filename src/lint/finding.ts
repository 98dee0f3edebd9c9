/**
 * How serious a finding is.
 */
export enum Severity {
  /**
   * The manifests are broken: the objects are rejected or do not work together.
   */
  ERROR = 'error',

  /**
   * The manifests work, but probably not the way the author meant.
   */
  WARNING = 'warning',
}

/**
 * One problem found in a set of Kubernetes manifests.
 */
export interface Finding {
  /**
   * How serious the problem is.
   */
  readonly severity: Severity;

  /**
   * Stable id of the rule that found the problem, for example `governing-service-missing`.
   */
  readonly rule: string;

  /**
   * The object the problem is about, as `Kind/namespace/name`; objects without a namespace show the default namespace.
   */
  readonly object: string;

  /**
   * What is wrong and what to change.
   */
  readonly message: string;

  /**
   * The reason given in the object's acceptance annotation
   * (`accept.stateful-topology.cdk8s.io/<rule>: <reason>`), when the finding is accepted.
   * Accepted findings are reported but fail no run.
   *
   * @default - not accepted
   */
  readonly acceptedReason?: string;
}
