import { ClientServiceOptions, PodServicesOptions } from './client-service';
import { DisruptionBudget } from './disruption-budget';
import { NetworkPolicyOptions } from './network-policy';
import { RolloutOptions } from './rollout';
import { SpreadingOptions } from './spreading';
import { StorageOptions } from './storage';

/**
 * The production parts of an `OrderedStatefulApp`: Services for clients, the
 * disruption budget, spreading, storage, rollout and network policy.
 */
export interface ProductionProps {
  /**
   * A normal Service over the Ready members, for load-balanced clients.
   *
   * @default - no client Service
   */
  readonly clientService?: ClientServiceOptions;

  /**
   * One Service per member, for clients that must reach a particular member.
   *
   * @default - no per-member Services
   */
  readonly podServices?: PodServicesOptions;

  /**
   * The PodDisruptionBudget (policy/v1) that limits voluntary disruptions.
   * `protectQuorum()` sizes the default for a quorum, and tightens a budget given here
   * only when it would let the quorum break; a stricter one is kept.
   *
   * @default DisruptionBudget.maxUnavailable(1)
   */
  readonly disruptionBudget?: DisruptionBudget;

  /**
   * Pod anti-affinity that spreads members over nodes and zones.
   *
   * @default - preferred spreading over nodes and over zones
   */
  readonly spreading?: SpreadingOptions;

  /**
   * Persistent volumes of the members (`spec.volumeClaimTemplates`) and what
   * happens to them on delete and scale-down.
   *
   * @default - no persistent volumes
   */
  readonly storage?: StorageOptions;

  /**
   * How changes to the pod template roll out: strategy, `minReadySeconds`,
   * `revisionHistoryLimit`.
   *
   * @default - a rolling update of every member, `minReadySeconds: 0`, `revisionHistoryLimit: 10`
   */
  readonly rollout?: RolloutOptions;

  /**
   * An ingress NetworkPolicy: members reach each other, clients reach the client ports.
   *
   * @default - no NetworkPolicy
   */
  readonly networkPolicy?: NetworkPolicyOptions;
}
