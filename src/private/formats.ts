import { callError, show } from '../ground/problems';

/**
 * The peer lists of consensus applications, in the formats they read. The classes in
 * `src/presets` hand them out; the deprecated methods of `Quorum` do too.
 */

/** One member of an ensemble. */
export interface EnsembleMember {
  readonly id: number;
  readonly pod: string;
  readonly fqdn: string;
}

/**
 * ZooKeeper's `server.<id>=<fqdn>:<quorum port>:<election port>`, one line per member; two
 * different ports, or the call fails, as ZooKeeper binds each on its own.
 */
export function zooKeeperServerLines(path: string, members: EnsembleMember[], quorumPort: number, electionPort: number): string {
  if (quorumPort === electionPort) {
    throw callError(path, `'electionPort' must name another port than 'quorumPort', which ZooKeeper binds too, got port ${electionPort} for both`);
  }
  return members.map(m => `server.${m.id}=${m.fqdn}:${quorumPort}:${electionPort}\n`).join('');
}

/** KRaft's `controller.quorum.voters`: `<id>@<fqdn>:<port>`, comma-separated. */
export function kraftVoters(members: EnsembleMember[], port: number): string {
  return members.map(m => `${m.id}@${m.fqdn}:${port}`).join(',');
}

/** etcd's `initial-cluster`: `<pod>=<scheme>://<fqdn>:<port>`, comma-separated. */
export function etcdInitialCluster(members: Array<Omit<EnsembleMember, 'id'>>, port: number, scheme: string): string {
  return members.map(m => `${m.pod}=${scheme}://${m.fqdn}:${port}`).join(',');
}

/** The URL scheme of etcd's peers, 'http' or 'https'; anything else fails the call that asked. */
export function etcdScheme(path: string, scheme: string): string {
  if (scheme !== 'http' && scheme !== 'https') {
    throw callError(path, `'scheme' must be 'http' or 'https', got ${show(scheme)}`);
  }
  return scheme;
}
