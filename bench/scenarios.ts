import { ApiObject, App, Chart } from 'cdk8s';
import { MemberTemplate, MemberValue, OrderedStatefulApp } from '../src';

/** What every benchmark app looks like: the same input for the library and the baselines. */
export const IMAGE = 'zookeeper:3.8.4';
export const APP_REPLICAS = 3;
export const PORTS = [{ name: 'client', number: 2181 }, { name: 'quorum', number: 2888 }, { name: 'election', number: 3888 }];
export const CONFIG_MOUNT_PATH = '/conf';

/** The content of the per-ordinal `myid` file and the shared file of the replica scenario. */
export function myid(ordinal: number): string {
  return `${ordinal + 1}\n`;
}
export const SHARED_CONFIG = 'tickTime=2000\ninitLimit=10\nsyncLimit=5\n';

/** The library's module: this checkout's, or another version's (`bench/before.ts`). */
export type Library = typeof import('../src');

/** `count` apps built with OrderedStatefulApp of `library` (this checkout's by default), synthesized to YAML. */
export function libraryApps(count: number, library: Library = { OrderedStatefulApp } as Library): string {
  const app = new App();
  const chart = new Chart(app, 'bench', { namespace: 'bench' });
  for (let i = 0; i < count; i++) {
    new library.OrderedStatefulApp(chart, `app-${i}`, {
      replicas: APP_REPLICAS,
      container: { image: IMAGE, ports: PORTS },
    });
  }
  return app.synthYaml();
}

/** One OrderedStatefulApp `zk` with `replicas` members and the shared `zoo.cfg`, configured further by `configure`. */
function zkReplicas(replicas: number, configure: (zk: OrderedStatefulApp) => void): string {
  const app = new App();
  const chart = new Chart(app, 'bench', { namespace: 'bench' });
  const zk = new OrderedStatefulApp(chart, 'zk', {
    replicas,
    configMountPath: CONFIG_MOUNT_PATH,
    container: { image: IMAGE, ports: PORTS },
  });
  zk.addSharedFile('zoo.cfg', SHARED_CONFIG);
  configure(zk);
  return app.synthYaml();
}

/** One OrderedStatefulApp with `replicas` members, each with its own `myid` file. */
export function libraryReplicas(replicas: number): string {
  return zkReplicas(replicas, zk => zk.ordinals.forEach(ordinal => zk.addOrdinalFile(ordinal, 'myid', myid(ordinal))));
}

/**
 * One OrderedStatefulApp with `replicas` members configured by a shared file, a default and a
 * template (`myid` = ordinal + 1, computed by each member): nothing per member in the YAML.
 */
export function templateReplicas(replicas: number): string {
  return zkReplicas(replicas, zk => {
    zk.addDefaultFile('role', 'follower\n');
    zk.addTemplateFile('myid', MemberTemplate.of(MemberValue.ordinal(1), MemberValue.text('\n')));
  });
}

/** The same objects as plain JSON `ApiObject`s, synthesized to YAML. */
export function rawObjects(objects: any[]): string {
  const app = new App();
  const chart = new Chart(app, 'bench');
  objects.forEach((object, i) => new ApiObject(chart, `o${i}`, object));
  return app.synthYaml();
}
