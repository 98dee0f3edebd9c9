import * as kplus from 'cdk8s-plus-27';
import { ClientServiceOptions, PodServicesOptions } from '../client-service';
import type { OrderedStatefulApp } from '../ordered-stateful-app';

/** The label the StatefulSet controller puts on every member with its pod name. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

/** The metadata every object of the app carries (labels and namespace). */
export interface AppMetadata {
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
}

/** The name of the Service in front of one member: `<pod>` or `<pod>-<suffix>`. */
export function podServiceName(podName: string, suffix: string | undefined): string {
  return suffix === undefined ? podName : `${podName}-${suffix}`;
}

/** The named ports of the main container, in declaration order when `names` is not given. */
export function selectPorts(app: OrderedStatefulApp, all: kplus.ContainerPort[], names: string[] | undefined): kplus.ContainerPort[] {
  return names === undefined ? all : names.map(name => app.port(name));
}

function service(app: OrderedStatefulApp, id: string, name: string, metadata: AppMetadata,
  type: kplus.ServiceType | undefined, ports: kplus.ContainerPort[], selector: { [key: string]: string }): kplus.Service {
  const svc = new kplus.Service(app, id, {
    metadata: { ...metadata, name },
    type: type ?? kplus.ServiceType.CLUSTER_IP,
    ports: ports.map(p => ({ name: p.name, port: p.number, targetPort: p.number, protocol: p.protocol })),
  });
  for (const [key, value] of Object.entries(selector)) {
    svc.selectLabel(key, value);
  }
  return svc;
}

/** The client Service over the app's Ready members (construct id `ClientService`). */
export function addClientService(app: OrderedStatefulApp, options: ClientServiceOptions,
  metadata: AppMetadata, ports: kplus.ContainerPort[]): kplus.Service {
  return service(app, 'ClientService', options.name ?? app.name, metadata, options.type,
    selectPorts(app, ports, options.ports), app.selectorLabels);
}

/** One Service per member (construct ids `PodService<ordinal>`), in ordinal order. */
export function addPodServices(app: OrderedStatefulApp, options: PodServicesOptions,
  metadata: AppMetadata, ports: kplus.ContainerPort[]): kplus.Service[] {
  return app.ordinals.map(ordinal => {
    const pod = app.podName(ordinal);
    return service(app, `PodService${ordinal}`, podServiceName(pod, options.suffix), metadata, options.type,
      selectPorts(app, ports, options.ports), { ...app.selectorLabels, [POD_NAME_LABEL]: pod });
  });
}
