import { Quorum } from './quorum';
import { kraftVoters } from '../private/formats';

/**
 * Kafka's KRaft view of a `Quorum` of controllers.
 */
export class Kraft {
  /**
   * `controller.quorum.voters`: `<id>@<fqdn>:<port>` of every voting member of the quorum,
   * comma-separated, where the id is the member's `node.id`.
   *
   * @param quorum the controllers
   * @param portName the name of the main container's controller port
   */
  public static controllerQuorumVoters(quorum: Quorum, portName: string): string {
    return kraftVoters(quorum._members(), quorum.app.port(portName).number);
  }

  private constructor() {}
}
