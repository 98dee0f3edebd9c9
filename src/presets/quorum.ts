import { Construct } from 'constructs';
import { configFileNameProblem } from '../ground/member-config';
import { MAX_INT32 } from '../ground/numbers';
import { Problems, show } from '../ground/problems';
import { MemberTemplate, MemberValue } from '../member-template';
import { OrderedStatefulApp } from '../ordered-stateful-app';
import { EnsembleMember, etcdInitialCluster, etcdScheme, kraftVoters, zooKeeperServerLines } from '../private/formats';

/**
 * What a pod added by `kubectl scale`, beyond the synthesized members, gets.
 */
export enum ScaledPods {
  /**
   * No id: its `member-config` init container refuses to start it. For ensembles whose
   * every member lists every other (ZooKeeper, etcd), which grow by re-synthesis.
   */
  REFUSE = 'refuse',

  /**
   * Its id (ordinal + `idOffset`), computed when it starts, like every member's: for apps
   * whose new members join on their own (KRaft brokers beside a fixed controller quorum).
   */
  JOIN = 'join',
}

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
   * What a pod added by scaling gets: no id (it refuses to start), or its own id. With
   * `JOIN`, the id file is a member template, so scaling leaves the pod template as it is.
   *
   * @default ScaledPods.REFUSE
   */
  readonly scaledPods?: ScaledPods;

  /**
   * The number of voting members: the members with the first `voters` ordinals. The
   * members past them take part without a vote (KRaft brokers beside a fixed controller
   * quorum), so scaling the app changes neither the voters nor their config, and existing
   * members keep running. The disruption budget then keeps a majority of the voters even
   * when every unavailable member is a voter.
   *
   * @default - every member of the app (its replicas)
   */
  readonly voters?: number;

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
 * `OrderedStatefulApp`: each member gets its id as a per-ordinal file, and the disruption
 * budget keeps a majority. A stricter budget given to the app is kept, and an app with
 * `DisruptionBudget.none()` keeps none. Member ids follow `startOrdinal`. With `voters`, the
 * ensemble is the first members only and the peer lists name them alone. The peer list in the form an
 * application expects comes from its own class: `ZooKeeper.serverLines`,
 * `Kraft.controllerQuorumVoters`, `Etcd.initialCluster`.
 * Pods beyond the synthesized members have no id file and refuse to start, since an
 * ensemble grows by re-synthesizing with more replicas, unless `scaledPods` is `JOIN`.
 */
export class Quorum extends Construct {
  /** The number of voting members: `voters`, or every member of the app (its replicas). */
  public readonly members: number;

  /** The smallest majority of the voters, `floor(members / 2) + 1`: a PodDisruptionBudget keeps this many voters available. */
  public readonly quorumSize: number;

  /** The id of the member with the first ordinal minus that ordinal. */
  public readonly idOffset: number;

  /** The per-member file that holds the member id. */
  public readonly idFile: string;

  /** The app whose members form the ensemble. */
  public readonly app: OrderedStatefulApp;

  constructor(app: OrderedStatefulApp, id: string, props: QuorumProps = {}) {
    super(app, id);
    this.app = app;
    this.members = props.voters ?? app.replicas;
    this.quorumSize = Math.floor(this.members / 2) + 1;
    this.idOffset = props.idOffset ?? 1;
    this.idFile = props.idFile ?? 'myid';

    const problems = new Problems(this.node.path, 'QuorumProps');
    const counted = props.voters === undefined ? 'replicas' : 'voters';
    const of = props.voters === undefined ? 'of the app ' : '';
    if (props.voters === undefined) {
      problems.check(this.members >= 1, 'replicas', `of the app must be at least 1 for a quorum, got ${show(this.members)}`);
    } else {
      problems.check(Number.isInteger(this.members) && this.members >= 1 && this.members <= app.replicas, 'voters',
        `must be an integer from 1 to the app's replicas (${app.replicas}), got ${show(this.members)}`);
    }
    problems.check(this.members % 2 === 1 || this.members === 0 || props.allowEvenMembers === true, counted,
      `${of}must be odd: ${this.members} members tolerate no more failures than ${this.members - 1}, got ${show(this.members)}; `
      + 'set \'allowEvenMembers: true\' to accept it');
    problems.checkInteger('idOffset', this.idOffset, 0);
    if (Number.isInteger(this.idOffset) && this.members >= 1) {
      const lastId = app._identity.lastOrdinal + this.idOffset;
      problems.check(lastId <= MAX_INT32, 'idOffset',
        `makes the id of the last member ${lastId}, but member ids are int32 (at most ${MAX_INT32}), got ${show(this.idOffset)}`);
    }
    const fileProblem = configFileNameProblem(this.idFile);
    problems.check(fileProblem === undefined, 'idFile', `${fileProblem}, got ${show(this.idFile)}`);
    problems.throwIfAny();

    if (props.scaledPods === ScaledPods.JOIN) {
      app.addTemplateFile(this.idFile, MemberTemplate.of(MemberValue.ordinal(this.idOffset), MemberValue.text('\n')));
    } else {
      for (const ordinal of app.ordinals) {
        app.addOrdinalFile(ordinal, this.idFile, `${this.memberId(ordinal)}\n`);
      }
    }
    // A voluntary disruption (drain, eviction) must never take the ensemble below quorum,
    // even when it takes voters only.
    if (app.podDisruptionBudget) {
      app.protectQuorum(app.replicas - (this.members - this.quorumSize));
    }
  }

  /** The id of the member with this ordinal: ordinal + `idOffset`. */
  public memberId(ordinal: number): number {
    this.app.podName(ordinal);
    return ordinal + this.idOffset;
  }

  /** A client connect string: `<fqdn>:<port>` of every member, comma-separated. */
  public connectString(portName: string): string {
    return this.app.peerAddresses(portName).join(',');
  }

  /**
   * ZooKeeper's ensemble, one line per member.
   *
   * @deprecated use `ZooKeeper.serverLines(quorum, quorumPort, electionPort)`
   */
  public serverLines(quorumPort: string, electionPort: string): string {
    return zooKeeperServerLines(this.node.path, this._members(), this.app.port(quorumPort).number, this.app.port(electionPort).number);
  }

  /**
   * KRaft's `controller.quorum.voters`.
   *
   * @deprecated use `Kraft.controllerQuorumVoters(quorum, portName)`
   */
  public voters(portName: string): string {
    return kraftVoters(this._members(), this.app.port(portName).number);
  }

  /**
   * etcd's `initial-cluster`.
   *
   * @deprecated use `Etcd.initialCluster(app, portName, scheme)`
   */
  public initialCluster(portName: string, scheme: string = 'http'): string {
    const checked = etcdScheme(this.node.path, scheme);
    return etcdInitialCluster(this._members(), this.app.port(portName).number, checked);
  }

  /**
   * The members with their ids, pod names and DNS names, in ordinal order.
   * @internal
   */
  public _members(): EnsembleMember[] {
    return this.app.ordinals.slice(0, this.members).map(o => ({ id: this.memberId(o), pod: this.app.podName(o), fqdn: this.app.podFqdn(o) }));
  }
}

