import * as kplus from 'cdk8s-plus-27';
import { AppContext } from './app-context';
import { checkPodPorts } from './app-props';
import { checkContainerProps } from './containers';
import { memberEnvValues } from './member-env';
import { MemberPort } from '../ground/identity';
import { MEMBER_ENV_NAMES } from '../ground/member-env';
import { Problems, show } from '../ground/problems';
import { PodSecurity } from '../pod-security';
import { SidecarOptions } from '../sidecar';

/** The named ports of a container. */
export function namedPorts(container: kplus.ContainerProps): MemberPort[] {
  return (container.ports ?? []).map(p => ({ name: p.name ?? '', number: p.number, protocol: p.protocol }));
}

/**
 * Adds a container that runs beside the main one in every member (a metrics exporter, a
 * log shipper): hardened like the main container, with the member variables first in its
 * environment and its probes by port name. Its named ports join the app's ports, so the
 * headless Service publishes them and the client Services and the network policy can name them.
 */
export function addSidecar(app: AppContext, container: kplus.ContainerProps, options: SidecarOptions,
  notify: (ports: MemberPort[]) => void): kplus.Container {
  const problems = new Problems(app.scope.node.path, 'addSidecar()');
  const level = app.props.podSecurity ?? PodSecurity.RESTRICTED;
  const ports = container.ports ?? [];
  problems.check(container.name !== undefined, 'container.name', 'must be set: every container of a pod needs its own name, got undefined');
  checkContainerProps(problems, 'container', container, { podSecurity: level, allowUnpinnedImages: app.props.allowUnpinnedImages === true, init: false });
  checkPodPorts(problems, 'container', container, app.identity.ports);
  for (const kind of ['readiness', 'liveness', 'startup'] as const) {
    problems.check(options[kind] === undefined || container[kind] === undefined, `options.${kind}`,
      `and 'container.${kind}' are both set: give one of them`);
    options[kind]?._check(problems, `options.${kind}`, ports, 'the sidecar');
  }
  for (const name of MEMBER_ENV_NAMES) {
    problems.check(container.envVariables?.[name] === undefined, `container.envVariables.${name}`,
      `cannot be set: the library sets ${name} in every member, got ${show(container.envVariables?.[name]?.value ?? 'a value')}`);
  }
  problems.throwIfAny();

  const sidecar = app.writer.addContainer({
    ...container,
    envVariables: { ...memberEnvValues(app.identity), ...container.envVariables },
    resources: container.resources ?? {},
    readiness: container.readiness ?? options.readiness?._toProbe(ports),
    liveness: container.liveness ?? options.liveness?._toProbe(ports),
    startup: container.startup ?? options.startup?._toProbe(ports),
  });
  const added = namedPorts(container);
  app.identity.addPorts(added);
  notify(added);
  return sidecar;
}
