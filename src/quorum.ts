import { Construct } from 'constructs';
import { OrderedStatefulApp } from './ordered-stateful-app';
import { configFileNameProblem } from './private/ordinal-config';
import { callError, Problems, show } from './private/validation';

/**
 * Properties of a `Quorum`.
 */
export interface QuorumProps {
  /**
   * Member id = ordinal + `idOffset`. ZooKeeper's `myid` must be 1 to 255, so it
   * starts at 1; Kafka's `node.id` may start at 0.
   *
   * @default 1
   */
  readonly idOffset?: number;

  /**
   * The per-member file (under `configMountPath`) whose content is the member id.
   *
   * @default 'myid'
   */
  readonly idFile?: string;

  /**
   * Whether an even number of members is accepted. An even ensemble tolerates no
   * more failures than one member fewer (4 members, like 3, survive 1 failure)
   * and can split in halves, so it is refused unless allowed explicitly.
   *
   * @default false
   */
  readonly allowEvenMembers?: boolean;
}

/**
 * A consensus ensemble (ZooKeeper, etcd, KRaft controllers) over the members of an
 * `OrderedStatefulApp`: each member gets its id as a per-ordinal file, and the peer
 * list is available in the forms these apps expect. Member ids follow `startOrdinal`.
 * Pods beyond the synthesized members have no id file and refuse to start: an
 * ensemble grows by re-synthesizing with more replicas.
 */
export class Quorum extends Construct {
  /** The number of members (the app's replicas). */
  public readonly members: number;

  /** The smallest majority, `floor(members / 2) + 1`: a PodDisruptionBudget keeps this many available. */
  public readonly quorumSize: number;

  /** The id of the member with the first ordinal minus that ordinal. */
  public readonly idOffset: number;

  /** The per-member file that holds the member id. */
  public readonly idFile: string;

  constructor(private readonly app: OrderedStatefulApp, id: string, props: QuorumProps = {}) {
    super(app, id);
    this.members = app.replicas;
    this.quorumSize = Math.floor(this.members / 2) + 1;
    this.idOffset = props.idOffset ?? 1;
    this.idFile = props.idFile ?? 'myid';

    const problems = new Problems(this.node.path, 'QuorumProps');
    problems.check(this.members >= 1, 'replicas',
      `of the app must be at least 1 for a quorum, got ${show(this.members)}`);
    problems.check(this.members % 2 === 1 || this.members === 0 || props.allowEvenMembers === true, 'replicas',
      `of the app must be odd: ${this.members} members tolerate no more failures than ${this.members - 1}, got ${show(this.members)}; `
      + 'set \'allowEvenMembers: true\' to accept it');
    problems.check(Number.isInteger(this.idOffset) && this.idOffset >= 0, 'idOffset',
      `must be an integer >= 0, got ${show(this.idOffset)}`);
    const fileProblem = configFileNameProblem(this.idFile);
    problems.check(fileProblem === undefined, 'idFile', `${fileProblem}, got ${show(this.idFile)}`);
    problems.throwIfAny();

    for (const ordinal of app.ordinals) {
      app.addOrdinalFile(ordinal, this.idFile, `${this.memberId(ordinal)}\n`);
    }
    // A voluntary disruption (drain, eviction) must never take the ensemble below quorum.
    if (app.podDisruptionBudget) {
      app.protectQuorum(this.quorumSize);
    }
  }

  /** The id of the member with this ordinal: ordinal + `idOffset`. */
  public memberId(ordinal: number): number {
    this.app.podName(ordinal);
    return ordinal + this.idOffset;
  }

  /**
   * ZooKeeper's ensemble, one line per member:
   * `server.<id>=<fqdn>:<quorum port>:<election port>`.
   *
   * @param quorumPort the name of the main container's port for followers (2888)
   * @param electionPort the name of the main container's port for leader election (3888)
   */
  public serverLines(quorumPort: string, electionPort: string): string {
    const quorum = this.app.port(quorumPort).number;
    const election = this.app.port(electionPort).number;
    return this.app.ordinals
      .map(o => `server.${this.memberId(o)}=${this.app.podFqdn(o)}:${quorum}:${election}\n`)
      .join('');
  }

  /** A client connect string: `<fqdn>:<port>` of every member, comma-separated. */
  public connectString(portName: string): string {
    return this.app.peerAddresses(portName).join(',');
  }

  /** KRaft's `controller.quorum.voters`: `<id>@<fqdn>:<port>`, comma-separated. */
  public voters(portName: string): string {
    const port = this.app.port(portName).number;
    return this.app.ordinals.map(o => `${this.memberId(o)}@${this.app.podFqdn(o)}:${port}`).join(',');
  }

  /**
   * etcd's `initial-cluster`: `<pod>=<scheme>://<fqdn>:<port>`, comma-separated.
   *
   * @param portName the name of the main container's peer port
   * @param scheme 'http' or 'https'
   */
  public initialCluster(portName: string, scheme: string = 'http'): string {
    if (scheme !== 'http' && scheme !== 'https') {
      throw callError(this.node.path, `'scheme' must be 'http' or 'https', got ${show(scheme)}`);
    }
    const port = this.app.port(portName).number;
    return this.app.ordinals.map(o => `${this.app.podName(o)}=${scheme}://${this.app.podFqdn(o)}:${port}`).join(',');
  }
}
