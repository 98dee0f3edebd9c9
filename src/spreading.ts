/**
 * How strongly members are kept apart in one topology domain (a node or a zone).
 */
export enum Spread {
  /** No rule: members may share the domain. */
  NONE = 'none',

  /**
   * The scheduler prefers to place members in different domains
   * (`preferredDuringSchedulingIgnoredDuringExecution`) but still schedules a member
   * when it cannot.
   */
  PREFERRED = 'preferred',

  /**
   * Members never share a domain (`requiredDuringSchedulingIgnoredDuringExecution`):
   * a member that finds no free domain stays Pending. Needs at least as many domains
   * as members.
   */
  REQUIRED = 'required',
}

/**
 * Pod anti-affinity that spreads members over nodes and zones
 * (`spec.template.spec.affinity.podAntiAffinity`). Every term selects the app's own
 * pods by its selector labels, so it always matches the pods it spreads.
 */
export interface SpreadingOptions {
  /**
   * Spreading over nodes (topology key `kubernetes.io/hostname`).
   *
   * @default Spread.PREFERRED
   */
  readonly acrossNodes?: Spread;

  /**
   * Spreading over zones (topology key `topology.kubernetes.io/zone`).
   *
   * @default Spread.PREFERRED
   */
  readonly acrossZones?: Spread;
}
