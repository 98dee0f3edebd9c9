import { Quorum } from './quorum';
import { zooKeeperServerLines } from '../private/formats';

/**
 * ZooKeeper's view of a `Quorum`: the ensemble in the form `zoo.cfg` lists it.
 */
export class ZooKeeper {
  /**
   * The ensemble for `zoo.cfg`, one line per member:
   * `server.<id>=<fqdn>:<quorum port>:<election port>`.
   *
   * @param quorum the ensemble
   * @param quorumPort the name of the main container's port for followers (2888)
   * @param electionPort the name of the main container's port for leader election (3888)
   */
  public static serverLines(quorum: Quorum, quorumPort: string, electionPort: string): string {
    return zooKeeperServerLines(quorum.node.path, quorum._members(), quorum.app.port(quorumPort).number, quorum.app.port(electionPort).number);
  }

  private constructor() {}
}
