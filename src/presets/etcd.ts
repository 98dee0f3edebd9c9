import { OrderedStatefulApp } from '../ordered-stateful-app';
import { etcdInitialCluster, etcdScheme } from '../private/formats';

/**
 * etcd's view of an app's members: its members are named like their pods.
 */
export class Etcd {
  /**
   * `--initial-cluster`: `<pod>=<scheme>://<fqdn>:<port>` of every member, comma-separated.
   * Each member's `--name` must be its pod name (`$(POD_NAME)`).
   *
   * @param app the etcd members
   * @param portName the name of the main container's peer port
   * @param scheme 'http' or 'https'
   */
  public static initialCluster(app: OrderedStatefulApp, portName: string, scheme: string = 'http'): string {
    const checked = etcdScheme(app.node.path, scheme);
    const members = app.ordinals.map(o => ({ pod: app.podName(o), fqdn: app.podFqdn(o) }));
    return etcdInitialCluster(members, app.port(portName).number, checked);
  }

  private constructor() {}
}
