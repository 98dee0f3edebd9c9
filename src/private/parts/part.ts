import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AppIdentity } from '../../ground/identity';
import { Problems } from '../../ground/problems';
import { OrderedStatefulAppProps } from '../../ordered-stateful-app-props';
import { AppContext } from '../app-context';

/** A disruption budget that a quorum can still resize after construction. */
export interface QuorumBudget {
  /** The PodDisruptionBudget, unless the budget is `DisruptionBudget.none()`. */
  readonly apiObject?: ApiObject;
  /** Sizes the budget so that a voluntary disruption leaves at least `quorumSize` members. */
  protectQuorum(quorumSize: number): void;
}

/** Pods of another app that a network policy admits: the ones that wait for the app to start. */
export interface AdmittedPeer {
  readonly selectorLabels: { [key: string]: string };
  /** Their namespaces when those are not the app's own (`{}` for any namespace). */
  readonly namespaceSelector?: { readonly matchLabels?: { [key: string]: string } };
  /** The port they connect to. */
  readonly port: string;
}

/** The app's NetworkPolicy, which other apps that wait for it can be admitted to. */
export interface AppNetworkPolicy {
  readonly apiObject: ApiObject;
  /** Admits the pods of another app on one port, unless the policy admits them already. */
  admit(peer: AdmittedPeer): void;
}

/** What the production parts hand back to the app construct, which exposes it. */
export interface PartObjects {
  readonly clientService?: kplus.Service;
  readonly podServices?: kplus.Service[];
  readonly disruptionBudget?: QuorumBudget;
  readonly networkPolicy?: AppNetworkPolicy;
}

/** What a part gives cdk8s-plus when the StatefulSet is created. */
export interface StatefulSetSettings {
  readonly strategy?: kplus.StatefulSetUpdateStrategy;
  readonly minReady?: Duration;
  readonly securityContext?: kplus.PodSecurityContextProps;
}

/**
 * One production part of an app (client Services, disruption budget, spreading, storage,
 * rollout, network policy): the checks of its props and what it writes. Checks never
 * build anything; `apply` runs only when every part's props passed.
 */
export interface ProductionPart {
  /** Reports every problem of the part's props that is known when the app is created. */
  check?(problems: Problems, props: OrderedStatefulAppProps, identity: AppIdentity): void;
  /** Reports problems that depend on what methods add later (sidecar ports), at synth time. */
  checkAtSynth?(problems: Problems, props: OrderedStatefulAppProps, identity: AppIdentity): void;
  /** What the part gives cdk8s-plus when the StatefulSet is created. */
  statefulSetProps?(props: OrderedStatefulAppProps): StatefulSetSettings;
  /** Creates the part's objects and writes its fields into the StatefulSet. */
  apply(app: AppContext): PartObjects;
}
