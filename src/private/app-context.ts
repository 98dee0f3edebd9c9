import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { StatefulSetWriter } from './statefulset-writer';
import { AppIdentity, MemberPort } from '../ground/identity';
import { OrderedStatefulAppProps } from '../ordered-stateful-app-props';

/** The namespace, labels and annotations every object of an app carries. */
export interface ObjectMetadata {
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
  /** Computed when the YAML is written: an annotation whose value is undefined is left out. */
  readonly annotations: { [key: string]: string };
}

/**
 * What the modules that build an app's parts work with: its identity, its props, and the
 * objects every part adds to. The app construct builds it once; no module under
 * `src/private` knows the construct class.
 */
export interface AppContext {
  /** The app construct: the scope of every object a part creates. */
  readonly scope: Construct;
  readonly identity: AppIdentity;
  readonly props: OrderedStatefulAppProps;
  readonly metadata: ObjectMetadata;
  readonly statefulSet: kplus.StatefulSet;
  readonly mainContainer: kplus.Container;
  readonly writer: StatefulSetWriter;
  /** Calls `listener` with the ports of every sidecar added from now on. */
  whenPortsAdded(listener: (ports: MemberPort[]) => void): void;
}
