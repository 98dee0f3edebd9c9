import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DisruptionBudget } from '../disruption-budget';
import type { OrderedStatefulApp } from '../ordered-stateful-app';
import type { OrderedStatefulAppProps } from '../ordered-stateful-app-props';
import { addClientService, addPodServices, AppMetadata, selectPorts } from './client-services';
import { DisruptionBudgetObject } from './disruption-budget';
import { addNetworkPolicy } from './network-policy';
import { applyRollout } from './rollout';
import { applySpreading } from './spreading';
import { applyStorage } from './storage';

/** The objects and settings an app gets for production use, beside its StatefulSet and headless Service. */
export interface ProductionParts {
  readonly clientService?: kplus.Service;
  readonly podServices: kplus.Service[];
  readonly disruptionBudget: DisruptionBudgetObject;
  readonly networkPolicy?: ApiObject;
}

/**
 * Adds the client Services, the disruption budget and the network policy, and writes
 * spreading, storage and rollout settings into the StatefulSet.
 */
export function addProductionParts(app: OrderedStatefulApp, props: OrderedStatefulAppProps, metadata: AppMetadata): ProductionParts {
  const ports = props.container.ports ?? [];
  const clientService = props.clientService && addClientService(app, props.clientService, metadata, ports);
  const podServices = props.podServices ? addPodServices(app, props.podServices, metadata, ports) : [];
  const disruptionBudget = new DisruptionBudgetObject(app,
    props.disruptionBudget ?? DisruptionBudget.maxUnavailable(1), metadata);
  applySpreading(app, props.spreading ?? {});
  if (props.storage) {
    applyStorage(app, props.storage, props.container.securityContext?.group);
  }
  applyRollout(app, props.rollout ?? {});
  let networkPolicy: ApiObject | undefined;
  if (props.networkPolicy) {
    const clientPortNames = props.networkPolicy.clientPorts ?? defaultClientPorts(props);
    networkPolicy = addNetworkPolicy(app, props.networkPolicy, metadata,
      selectPorts(app, ports, props.networkPolicy.peerPorts), clientPortNames.map(name => app.port(name)));
  }
  return { clientService, podServices, disruptionBudget, networkPolicy };
}

/** The ports of the client Service and the per-member Services, in declaration order. */
export function defaultClientPorts(props: OrderedStatefulAppProps): string[] {
  const all = (props.container.ports ?? []).map(p => p.name!);
  const exposed = new Set<string>([
    ...props.clientService ? props.clientService.ports ?? all : [],
    ...props.podServices ? props.podServices.ports ?? all : [],
  ]);
  return all.filter(name => exposed.has(name));
}
