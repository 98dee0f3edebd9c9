import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { POD_NAME_LABEL } from '../ground/labels';
import { configFileNameProblem } from '../ground/member-config';
import { isDns1035Label } from '../ground/names';
import { Problems, show } from '../ground/problems';
import { OrderedStatefulApp } from '../ordered-stateful-app';
import { checkObjectNames } from '../private/object-names';
import { memberService } from '../private/services';

/**
 * Properties of a `PrimaryReplicas`.
 */
export interface PrimaryReplicasProps {
  /**
   * The name of the Service that always reaches the primary (writes).
   *
   * @default - `<name>-primary`
   */
  readonly primaryServiceName?: string;

  /**
   * The name of the Service over every ready member, primary included (reads).
   *
   * @default - `<name>-read`
   */
  readonly readServiceName?: string;

  /**
   * The names of the main container's ports both Services expose.
   *
   * @default - every port of the main container
   */
  readonly ports?: string[];

  /**
   * The per-member file (under `configMountPath`) that says `primary` or `replica`.
   * Pods beyond the synthesized members read `replica`.
   *
   * @default 'role'
   */
  readonly roleFile?: string;
}

/**
 * A single-primary topology over the members of an `OrderedStatefulApp` (MySQL,
 * PostgreSQL, Redis replication): the first ordinal is the primary, the others
 * and any pod added by scaling are replicas. Adds a Service to the primary, a
 * Service over all ready members, and a role file in every member.
 */
export class PrimaryReplicas extends Construct {
  /** The ordinal of the primary: the app's first ordinal. */
  public readonly primaryOrdinal: number;

  /** The pod name of the primary. */
  public readonly primaryPodName: string;

  /** The ClusterIP Service that selects only the primary pod. */
  public readonly primaryService: kplus.Service;

  /** The ClusterIP Service over every ready member. */
  public readonly readService: kplus.Service;

  constructor(private readonly app: OrderedStatefulApp, id: string, props: PrimaryReplicasProps = {}) {
    super(app, id);
    const primaryServiceName = props.primaryServiceName ?? `${app.name}-primary`;
    const readServiceName = props.readServiceName ?? `${app.name}-read`;
    const portNames = props.ports ?? app.mainContainer.ports.map(p => p.name!);
    const roleFile = props.roleFile ?? 'role';
    validate(this, app, primaryServiceName, readServiceName, portNames, roleFile);

    this.primaryOrdinal = app.startOrdinal;
    this.primaryPodName = app.podName(this.primaryOrdinal);
    const identity = app._identity;
    const ports = portNames.map(name => identity.port(name)!);
    const metadata = app._metadata;
    const service = (serviceId: string, name: string, selector: { [key: string]: string }) =>
      memberService(this, serviceId, { name, metadata, ports, selector });
    this.primaryService = service('PrimaryService', primaryServiceName,
      { ...app.selectorLabels, [POD_NAME_LABEL]: this.primaryPodName });
    this.readService = service('ReadService', readServiceName, app.selectorLabels);

    this.addRoleFile(roleFile, 'primary\n', 'replica\n');
    checkObjectNames(this, 'PrimaryReplicasProps', childId => childId === 'PrimaryService' ? 'primaryServiceName' : 'readServiceName');
  }

  /**
   * Gives the primary and the replicas different content under one file name: the
   * primary gets `primaryContent`, every other member and any pod added by scaling
   * gets `replicaContent` (e.g. `role.cnf` with MySQL's primary or replica settings).
   */
  public addRoleFile(name: string, primaryContent: string, replicaContent: string): void {
    this.app.addOrdinalFile(this.primaryOrdinal, name, primaryContent);
    this.app.addDefaultFile(name, replicaContent);
  }

  /**
   * The DNS name of the primary Service: `<service>.<namespace>.svc.<clusterDomain>`,
   * or `<service>` when the namespace is not known at synth time.
   */
  public get primaryHost(): string {
    return this.app._identity.serviceHost(this.primaryService.name);
  }
}

function validate(scope: Construct, app: OrderedStatefulApp,
  primaryServiceName: string, readServiceName: string, portNames: string[], roleFile: string): void {
  const problems = new Problems(scope.node.path, 'PrimaryReplicasProps');
  problems.check(app.replicas >= 1, 'replicas', `of the app must be at least 1 for a primary, got ${show(app.replicas)}`);
  const names: [string, string][] = [['primaryServiceName', primaryServiceName], ['readServiceName', readServiceName]];
  for (const [property, name] of names) {
    problems.check(isDns1035Label(name), property,
      `must be a DNS-1035 label (a lowercase letter first, then lowercase letters, digits and '-', at most 63 characters), got ${show(name)}`);
    problems.check(name !== app.serviceName, property, `must differ from the headless Service's name, got ${show(name)}`);
  }
  problems.check(primaryServiceName !== readServiceName, 'readServiceName',
    `must differ from 'primaryServiceName', got ${show(readServiceName)} for both`);
  const declared = app.mainContainer.ports.map(p => p.name);
  problems.check(portNames.length > 0, 'ports', 'must name at least one port of the main container, got []');
  portNames.forEach((name, i) => {
    problems.check(declared.includes(name), `ports[${i}]`,
      `must name ports of the main container (${declared.map(show).join(', ')}), got ${show(name)}`);
    problems.check(portNames.indexOf(name) === i, `ports[${i}]`, `must not name a port twice, got ${show(name)} twice`);
  });
  const fileProblem = configFileNameProblem(roleFile);
  problems.check(fileProblem === undefined, 'roleFile', `${fileProblem}, got ${show(roleFile)}`);
  problems.throwIfAny();
}
