import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AppIdentity, MemberPort } from '../ground/identity';
import { Problems, show } from '../ground/problems';

/**
 * Headless Services that govern the members of several apps, as the primary and replica
 * StatefulSets of a Helm chart share one: each app's headless Service, with the apps it
 * governs. Such a Service selects the labels all their selectors share.
 */
const governed = new WeakMap<kplus.Service, AppIdentity[]>();

/** Records an app's own headless Service, which other apps may share. */
export function registerHeadlessService(service: kplus.Service, identity: AppIdentity): void {
  governed.set(service, [identity]);
}

/** The identity of the app whose headless Service this is, if it is one. */
export function hostOf(service: kplus.Service): AppIdentity | undefined {
  return governed.get(service)?.[0];
}

/** The labels the selectors of several apps share. */
function sharedSelector(identities: AppIdentity[]): { [key: string]: string } {
  const [first, ...rest] = identities.map(identity => identity.selectorLabels);
  return Object.fromEntries(Object.entries(first).filter(([key, value]) => rest.every(labels => labels[key] === value)));
}

/**
 * Checks an app whose members another app's headless Service governs (`governingService`):
 * it is an app's headless Service of the same namespace, the app's `serviceName` is unset or
 * that Service's, the selectors share a label, and ports of one name agree.
 */
export function checkSharedService(problems: Problems, identity: AppIdentity, service: kplus.Service | undefined,
  serviceName: string | undefined): void {
  if (service === undefined) {
    return;
  }
  const host = hostOf(service);
  if (host === undefined) {
    problems.add('governingService', `must be the headlessService of an OrderedStatefulApp, got the Service ${show(service.name)} at ${show(service.node.path)}`);
    return;
  }
  problems.check(identity.namespace === host.namespace, 'governingService',
    `must be a Service of this app's namespace ${show(identity.namespace ?? null)}, got ${show(host.serviceName)} of namespace ${show(host.namespace ?? null)}: `
    + 'a Service governs pods of its own namespace only');
  problems.check(serviceName === undefined || serviceName === host.serviceName, 'serviceName',
    `must be the name of the governingService, ${show(host.serviceName)}, or unset, got ${show(serviceName)}`);
  problems.check(Object.keys(sharedSelector([host, identity])).length > 0, 'governingService',
    `must be the Service of an app whose selector shares a label with this app's, got ${show(host.serviceName)} of the app ${show(host.name)}, `
    + `which selects by ${show(host.selectorLabels)}, where this app selects by ${show(identity.selectorLabels)}`);
  identity.ports.forEach((port, i) => {
    const same = host.port(port.name);
    problems.check(same === undefined || (same.number === port.number && (same.protocol ?? 'TCP') === (port.protocol ?? 'TCP')), `container.ports[${i}].number`,
      `must be the number of the port ${show(port.name)} of the app ${show(host.name)}, whose headless Service this app shares, ${show(same?.number)}, `
      + `got ${show(port.number)}: the Service publishes one port of a name`);
  });
}

/**
 * Lets the app of `identity` share `service`: the Service then selects the labels all its
 * apps share (and no address label of one app) and publishes the app's ports it lacks.
 */
export function shareHeadlessService(service: kplus.Service, identity: AppIdentity): void {
  const identities = governed.get(service)!;
  identities.push(identity);
  ApiObject.of(service).addJsonPatch(JsonPatch.replace('/spec/selector', sharedSelector(identities)));
  const published = new Set(identities.slice(0, -1).flatMap(i => i.ports.map(p => p.name)));
  identity.ports.filter(p => !published.has(p.name)).forEach((p: MemberPort) =>
    service.bind(p.number, { name: p.name, targetPort: p.number, protocol: p.protocol as kplus.Protocol | undefined }));
}
