import { ApiObject } from 'cdk8s';
import { AppIdentity, MemberPort } from '../../ground/identity';
import { OrderedStatefulAppProps } from '../../ordered-stateful-app-props';
import { checkPortNames, checkSelectorLabels } from '../checks';
import { ProductionPart } from './part';

/** The ports of the client Service and the per-member Services, in declaration order. */
function defaultClientPorts(props: OrderedStatefulAppProps, identity: AppIdentity): string[] {
  const all = identity.ports.map(p => p.name);
  const exposed = new Set<string>([
    ...props.clientService ? props.clientService.ports ?? all : [],
    ...props.podServices ? props.podServices.ports ?? all : [],
  ]);
  return all.filter(name => exposed.has(name));
}

function policyPorts(ports: MemberPort[]) {
  return ports.map(p => ({ port: p.number, protocol: p.protocol ?? 'TCP' }));
}

/**
 * The app's ingress NetworkPolicy (construct id `NetworkPolicy`, named like the app):
 * the app's own pods may reach the peer ports, the selected clients the client ports.
 */
export const NETWORK_POLICY: ProductionPart = {
  check(problems, props, identity) {
    const options = props.networkPolicy;
    if (!options) {
      return;
    }
    const declared = identity.ports.map(p => p.name);
    checkPortNames(problems, 'networkPolicy.peerPorts', options.peerPorts, declared);
    checkPortNames(problems, 'networkPolicy.clientPorts', options.clientPorts, declared, true);
    checkSelectorLabels(problems, 'networkPolicy.clientPodLabels', options.clientPodLabels);
    checkSelectorLabels(problems, 'networkPolicy.clientNamespaceLabels', options.clientNamespaceLabels);
  },

  apply(app) {
    const { identity, props } = app;
    const options = props.networkPolicy;
    if (!options) {
      return {};
    }
    const peerPorts = options.peerPorts?.map(name => identity.port(name)!) ?? identity.ports;
    const clientPorts = (options.clientPorts ?? defaultClientPorts(props, identity)).map(name => identity.port(name)!);
    const members = { podSelector: { matchLabels: identity.selectorLabels } };
    const clients = {
      podSelector: options.clientPodLabels === undefined ? {} : { matchLabels: { ...options.clientPodLabels } },
      ...(options.clientNamespaceLabels === undefined ? {} : { namespaceSelector: { matchLabels: { ...options.clientNamespaceLabels } } }),
    };
    const networkPolicy = new ApiObject(app.scope, 'NetworkPolicy', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { ...app.metadata, name: identity.name },
      spec: {
        podSelector: { matchLabels: identity.selectorLabels },
        policyTypes: ['Ingress'],
        ingress: [
          ...(peerPorts.length > 0 ? [{ from: [members], ports: policyPorts(peerPorts) }] : []),
          ...(clientPorts.length > 0 ? [{ from: [clients], ports: policyPorts(clientPorts) }] : []),
        ],
      },
    });
    return { networkPolicy };
  },
};
