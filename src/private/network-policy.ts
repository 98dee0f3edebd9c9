import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NetworkPolicyOptions } from '../network-policy';
import type { OrderedStatefulApp } from '../ordered-stateful-app';
import { AppMetadata } from './client-services';

function policyPorts(ports: kplus.ContainerPort[]) {
  return ports.map(p => ({ port: p.number, protocol: p.protocol ?? kplus.Protocol.TCP }));
}

/**
 * The app's ingress NetworkPolicy (construct id `NetworkPolicy`, named like the app):
 * the app's own pods may reach `peerPorts`, the selected clients `clientPorts`.
 */
export function addNetworkPolicy(app: OrderedStatefulApp, options: NetworkPolicyOptions, metadata: AppMetadata,
  peerPorts: kplus.ContainerPort[], clientPorts: kplus.ContainerPort[]): ApiObject {
  const members = { podSelector: { matchLabels: { ...app.selectorLabels } } };
  const clients = {
    podSelector: options.clientPodLabels === undefined ? {} : { matchLabels: { ...options.clientPodLabels } },
    ...(options.clientNamespaceLabels === undefined ? {} : { namespaceSelector: { matchLabels: { ...options.clientNamespaceLabels } } }),
  };
  const ingress = [
    ...(peerPorts.length > 0 ? [{ from: [members], ports: policyPorts(peerPorts) }] : []),
    ...(clientPorts.length > 0 ? [{ from: [clients], ports: policyPorts(clientPorts) }] : []),
  ];
  return new ApiObject(app, 'NetworkPolicy', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { ...metadata, name: app.name },
    spec: {
      podSelector: { matchLabels: { ...app.selectorLabels } },
      policyTypes: ['Ingress'],
      ingress,
    },
  });
}
