import * as kplus from 'cdk8s-plus-27';
import { PodServicesOptions } from '../../client-service';
import { AppIdentity, MemberPort } from '../../ground/identity';
import { POD_NAME_LABEL } from '../../ground/labels';
import { isDns1035Label, isDns1123Label, MAX_LABEL_LENGTH } from '../../ground/names';
import { Problems, show } from '../../ground/problems';
import { AppContext } from '../app-context';
import { checkPortList, checkPortsDeclared } from '../checks';
import { memberService } from '../services';
import { ProductionPart } from './part';

/** The name of the Service in front of one member: `<pod>` or `<pod>-<suffix>`. */
function podServiceName(podName: string, suffix: string | undefined): string {
  return suffix === undefined ? podName : `${podName}-${suffix}`;
}

/**
 * The ports a Service exposes: every port of the main container when `names` is not given,
 * otherwise the named ones among `ports` (a sidecar's come when it is added).
 */
function exposed(ports: MemberPort[], names: string[] | undefined): MemberPort[] {
  return names === undefined ? ports : names.flatMap(name => ports.filter(p => p.name === name));
}

/** Adds the ports a sidecar brings to the Services that name them. */
function bindLater(app: AppContext, services: kplus.Service[], names: string[] | undefined): void {
  if (names === undefined) {
    return;
  }
  app.whenPortsAdded(ports => {
    for (const port of exposed(ports, names)) {
      for (const service of services) {
        service.bind(port.number, { name: port.name, targetPort: port.number, protocol: port.protocol as kplus.Protocol | undefined });
      }
    }
  });
}

/**
 * The client Service over the app's Ready members (construct id `ClientService`) and one
 * Service per member (construct ids `PodService<ordinal>`, in ordinal order).
 */
export const CLIENT_SERVICES: ProductionPart = {
  check(problems, props, identity) {
    const taken = new Map<string, string>([[identity.serviceName, 'serviceName']]);
    const options = props.clientService;
    if (options) {
      const name = options.name ?? identity.name;
      problems.check(isDns1035Label(name), 'clientService.name',
        `must be a DNS-1035 label (a lowercase letter first, then lowercase letters, digits and '-', at most ${MAX_LABEL_LENGTH} characters), got ${show(name)}`
        + (options.name === undefined ? ' (the app name): set \'clientService.name\'' : ''));
      checkServiceName(problems, taken, name, 'clientService.name');
      checkServiceType(problems, 'clientService.type', options.type);
      checkPortList(problems, 'clientService.ports', options.ports);
    }
    if (props.podServices) {
      checkPodServices(problems, props.podServices, identity, taken);
    }
  },

  checkAtSynth(problems, props, identity) {
    checkPortsDeclared(problems, 'clientService.ports', props.clientService?.ports, identity);
    checkPortsDeclared(problems, 'podServices.ports', props.podServices?.ports, identity);
  },

  apply(app: AppContext) {
    const { identity, metadata, props } = app;
    const clientService = props.clientService && memberService(app.scope, 'ClientService', {
      name: props.clientService.name ?? identity.name,
      metadata,
      type: props.clientService.type ?? kplus.ServiceType.CLUSTER_IP,
      ports: exposed(identity.ports, props.clientService.ports),
      selector: identity.selectorLabels,
    });
    const options = props.podServices;
    const podServices = options && identity.ordinals.map(ordinal => {
      const pod = identity.podName(ordinal);
      return memberService(app.scope, `PodService${ordinal}`, {
        name: podServiceName(pod, options.suffix),
        metadata,
        type: options.type ?? kplus.ServiceType.CLUSTER_IP,
        ports: exposed(identity.ports, options.ports),
        selector: { ...identity.selectorLabels, [POD_NAME_LABEL]: pod },
      });
    });
    bindLater(app, clientService ? [clientService] : [], props.clientService?.ports);
    bindLater(app, podServices ?? [], options?.ports);
    return { clientService, podServices };
  },
};

function checkServiceName(problems: Problems, taken: Map<string, string>, name: string, property: string): void {
  const owner = taken.get(name);
  problems.check(owner === undefined, property, `must differ from the name of every other Service of the app, got ${show(name)}, which '${owner}' uses`);
  taken.set(name, property);
}

const SELECTING_SERVICE_TYPES: string[] = [kplus.ServiceType.CLUSTER_IP, kplus.ServiceType.NODE_PORT, kplus.ServiceType.LOAD_BALANCER];

function checkServiceType(problems: Problems, property: string, type: kplus.ServiceType | undefined): void {
  problems.check(type === undefined || SELECTING_SERVICE_TYPES.includes(type), property,
    `must be CLUSTER_IP, NODE_PORT or LOAD_BALANCER: an ExternalName Service selects no pods, got ${show(type)}`);
}

function checkPodServices(problems: Problems, options: PodServicesOptions, identity: AppIdentity, taken: Map<string, string>): void {
  if (options.suffix !== undefined) {
    problems.check(isDns1123Label(options.suffix), 'podServices.suffix',
      `must be a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends), got ${show(options.suffix)}`);
  }
  checkServiceType(problems, 'podServices.type', options.type);
  checkPortList(problems, 'podServices.ports', options.ports);
  if (!Number.isInteger(identity.replicas) || !Number.isInteger(identity.startOrdinal)) {
    return;
  }
  for (const ordinal of identity.ordinals) {
    const name = podServiceName(identity.podName(ordinal), options.suffix);
    if (!isDns1035Label(name)) {
      problems.add('podServices', `makes the Service name ${show(name)}, which is not a DNS-1035 label `
        + `(a lowercase letter first, at most ${MAX_LABEL_LENGTH} characters): start 'name' with a letter or shorten it or 'podServices.suffix'`);
      return;
    }
    checkServiceName(problems, taken, name, 'podServices');
  }
}
