import { ApiObject, Lazy } from 'cdk8s';
import { AppIdentity, MemberPort } from '../../ground/identity';
import { mapSelects } from '../../ground/labels';
import { OrderedStatefulAppProps } from '../../ordered-stateful-app-props';
import { checkPortList, checkPortsDeclared, checkSelectorLabels } from '../checks';
import { AdmittedPeer, ProductionPart } from './part';

/** The ports of the client Service and the per-member Services, in declaration order. */
function defaultClientPorts(props: OrderedStatefulAppProps, identity: AppIdentity): string[] {
  const all = identity.ports.map(p => p.name);
  const main = (props.container.ports ?? []).map(p => p.name ?? '');
  const exposed = new Set<string>([
    ...props.clientService ? props.clientService.ports ?? main : [],
    ...props.podServices ? props.podServices.ports ?? main : [],
  ]);
  return all.filter(name => exposed.has(name));
}

function policyPorts(ports: MemberPort[]) {
  return ports.map(p => ({ port: p.number, protocol: p.protocol ?? 'TCP' }));
}

/**
 * The app's ingress NetworkPolicy (construct id `NetworkPolicy`, named like the app):
 * the app's own pods may reach the peer ports, the selected clients the client ports, and
 * the pods of apps that start after this one the port they wait on. Its spec is computed
 * at synth time, when every sidecar and every waiting app is known.
 */
export const NETWORK_POLICY: ProductionPart = {
  check(problems, props) {
    const options = props.networkPolicy;
    if (!options) {
      return;
    }
    checkPortList(problems, 'networkPolicy.peerPorts', options.peerPorts);
    checkPortList(problems, 'networkPolicy.clientPorts', options.clientPorts, true);
    checkSelectorLabels(problems, 'networkPolicy.clientPodLabels', options.clientPodLabels);
    checkSelectorLabels(problems, 'networkPolicy.clientNamespaceLabels', options.clientNamespaceLabels);
  },

  checkAtSynth(problems, props, identity) {
    checkPortsDeclared(problems, 'networkPolicy.peerPorts', props.networkPolicy?.peerPorts, identity);
    checkPortsDeclared(problems, 'networkPolicy.clientPorts', props.networkPolicy?.clientPorts, identity);
  },

  apply(app) {
    const { identity, props } = app;
    const options = props.networkPolicy;
    if (!options) {
      return {};
    }
    const admitted: AdmittedPeer[] = [];
    const resolve = (names: string[]) => names.flatMap(name => identity.ports.filter(p => p.name === name));
    const clientPorts = () => resolve(options.clientPorts ?? defaultClientPorts(props, identity));
    const clients = {
      podSelector: options.clientPodLabels === undefined ? {} : { matchLabels: { ...options.clientPodLabels } },
      ...(options.clientNamespaceLabels === undefined ? {} : { namespaceSelector: { matchLabels: { ...options.clientNamespaceLabels } } }),
    };
    const admitsAsClient = (peer: AdmittedPeer) => peer.namespaceSelector === undefined && options.clientNamespaceLabels === undefined
      && mapSelects(options.clientPodLabels ?? {}, peer.selectorLabels)
      && clientPorts().some(p => p.name === peer.port);
    const ingress = () => {
      const peerPorts = options.peerPorts === undefined ? identity.ports : resolve(options.peerPorts);
      const members = { podSelector: { matchLabels: identity.selectorLabels } };
      return [
        ...(peerPorts.length > 0 ? [{ from: [members], ports: policyPorts(peerPorts) }] : []),
        ...(clientPorts().length > 0 ? [{ from: [clients], ports: policyPorts(clientPorts()) }] : []),
        ...admitted.filter(peer => !admitsAsClient(peer)).map(peer => ({
          from: [{
            podSelector: { matchLabels: { ...peer.selectorLabels } },
            ...(peer.namespaceSelector === undefined ? {} : { namespaceSelector: peer.namespaceSelector }),
          }],
          ports: policyPorts(resolve([peer.port])),
        })),
      ];
    };
    const apiObject = new ApiObject(app.scope, 'NetworkPolicy', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { ...app.metadata, name: identity.name },
      spec: {
        podSelector: { matchLabels: identity.selectorLabels },
        policyTypes: ['Ingress'],
        ingress: Lazy.any({ produce: ingress }),
      },
    });
    return {
      networkPolicy: {
        apiObject,
        admit(peer: AdmittedPeer): void {
          admitted.push(peer);
        },
      },
    };
  },
};
