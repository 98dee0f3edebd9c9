import { App, Chart, ChartProps, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Etcd, LiveStatefulSet, ManifestLinter, MemberProbe, OrderedStatefulApp, PodManagement, Quorum, ZooKeeper } from '../../src';

/**
 * Three apps that take over what the Bitnami charts of ZooKeeper, Redis and etcd run today
 * (`helm install zk bitnami/zookeeper`, `redis` with `architecture=replication`, `etcd`, all in
 * namespace `demo`), keeping every member's name, DNS name and claim: each app adopts the live
 * StatefulSet, given here by hand (`LiveStatefulSet.fromFile` reads `helm get manifest`
 * instead). The charts ran their images as 1001:1001 with their data on the claims; the
 * official images of the same versions run as 1001 too and read the same data directories.
 * docs/migrating-from-helm.md walks through the switch.
 */

/** What every Bitnami chart here lets a container write, and runs it as. */
const BITNAMI_USER = { user: 1001, group: 1001 };

/** Empty directories for what a container writes besides its claim (the root file system is read-only). */
function scratch(scope: Construct, app: string, paths: string[]): kplus.VolumeMount[] {
  return paths.map(path => ({ path, volume: kplus.Volume.fromEmptyDir(scope, `${app}${path.replace(/\//g, '-')}`, path.slice(1)) }));
}

/** zookeeper: 3 members `zk-zookeeper-N` under `zk-zookeeper-headless`, data on `data` at /bitnami/zookeeper. */
export class ZooKeeperFromHelm extends Chart {
  public readonly zk: OrderedStatefulApp;

  constructor(scope: Construct, id: string, adopt: LiveStatefulSet, props: ChartProps = {}) {
    super(scope, id, props);
    this.zk = new OrderedStatefulApp(this, 'zk', {
      adopt,
      configMountPath: '/conf',
      container: {
        name: 'zookeeper',
        image: 'zookeeper:3.9.3',
        command: ['zkServer.sh', 'start-foreground'],
        ports: [{ name: 'client', number: 2181 }, { name: 'follower', number: 2888 }, { name: 'election', number: 3888 }],
        securityContext: BITNAMI_USER,
        volumeMounts: scratch(this, 'zk', ['/logs', '/tmp']),
      },
      readiness: MemberProbe.command(['zkServer.sh', 'status']),
      // The chart keeps the data in the volume's directory `data`; `myid` is written there.
      storage: { claims: [{ name: 'data', size: Size.gibibytes(8), mountPath: '/bitnami/zookeeper/data', subPath: 'data' }] },
    });
    // The chart's server ids are ordinal + 1, as the Quorum's; the data stays where the chart kept it.
    const quorum = new Quorum(this.zk, 'Quorum');
    this.zk.addSharedFile('zoo.cfg', ['dataDir=/bitnami/zookeeper/data', 'clientPort=2181', 'tickTime=2000', 'initLimit=10',
      'syncLimit=5', 'quorumListenOnAllIPs=true', 'admin.enableServer=false', ''].join('\n') + ZooKeeper.serverLines(quorum, 'follower', 'election'));
    this.zk.mountFile('myid', '/bitnami/zookeeper/data/myid');
  }
}

/**
 * redis: `redis-master-0` and `redis-replicas-N` under one Service `redis-headless`, data on
 * `redis-data` at /data. A replica follows the primary by its DNS name; so does a member
 * added to `redis-master` by a scale, instead of starting as a second primary.
 */
export class RedisFromHelm extends Chart {
  public readonly master: OrderedStatefulApp;
  public readonly replicas: OrderedStatefulApp;

  constructor(scope: Construct, id: string, master: LiveStatefulSet, replicas: LiveStatefulSet, props: ChartProps = {}) {
    super(scope, id, props);
    const password = kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(this, 'password', 'redis'), key: 'redis-password' });
    const redis = (appId: string, adopt: LiveStatefulSet, governingService?: kplus.Service) => {
      const app = new OrderedStatefulApp(this, appId, {
        adopt,
        governingService,
        configMountPath: '/conf',
        container: {
          name: 'redis',
          image: 'redis:8.2.1',
          command: ['redis-server', '/conf/redis.conf', '--requirepass', '$(REDIS_PASSWORD)', '--masterauth', '$(REDIS_PASSWORD)'],
          envVariables: { REDIS_PASSWORD: password },
          ports: [{ name: 'redis', number: 6379 }],
          securityContext: BITNAMI_USER,
          volumeMounts: scratch(this, appId, ['/tmp']),
        },
        storage: { claims: [{ name: 'redis-data', size: Size.gibibytes(8), mountPath: '/data' }] },
      });
      app.addSharedFile('redis.conf', 'dir /data\nappendonly yes\ninclude /conf/replication.conf\n');
      // The chart's Secret `redis` stays in the cluster: the members read the password from it.
      app.statefulSet.metadata.addAnnotation(ManifestLinter.acceptanceAnnotation('secret-missing'), 'the Secret the Helm chart created stays and keeps the password');
      return app;
    };
    this.master = redis('master', master);
    const primary = this.master.startOrdinal;
    const follow = `replicaof ${this.master.podFqdn(primary)} 6379\n`;
    this.master.addOrdinalFile(primary, 'replication.conf', '# the primary\n');
    this.master.addDefaultFile('replication.conf', follow);
    this.replicas = redis('replicas', replicas, this.master.headlessService);
    this.replicas.addSharedFile('replication.conf', follow);
  }
}

/** etcd: 3 members `etcd-N` under `etcd-headless`, data on `data` at /bitnami/etcd. */
export class EtcdFromHelm extends Chart {
  public readonly etcd: OrderedStatefulApp;

  constructor(scope: Construct, id: string, adopt: LiveStatefulSet, props: ChartProps = {}) {
    super(scope, id, props);
    this.etcd = new OrderedStatefulApp(this, 'etcd', {
      adopt,
      container: {
        name: 'etcd',
        image: 'gcr.io/etcd-development/etcd:v3.6.4',
        command: ['/usr/local/bin/etcd'],
        args: ['--name=$(POD_NAME)', '--data-dir=/bitnami/etcd/data', '--listen-client-urls=http://0.0.0.0:2379',
          '--listen-peer-urls=http://0.0.0.0:2380', '--advertise-client-urls=http://$(POD_FQDN):2379',
          '--initial-advertise-peer-urls=http://$(POD_FQDN):2380', '--initial-cluster-token=etcd-cluster-k8s',
          Lazy.any({ produce: () => `--initial-cluster=${Etcd.initialCluster(this.etcd, 'peer')}` })],
        ports: [{ name: 'client', number: 2379 }, { name: 'peer', number: 2380 }],
        securityContext: BITNAMI_USER,
      },
      // Ready only while the member sees a leader.
      readiness: MemberProbe.http('/health', { port: 'client' }),
      storage: { claims: [{ name: 'data', size: Size.gibibytes(8), mountPath: '/bitnami/etcd' }] },
    });
  }
}

/** The Bitnami charts' labels of a release, which their selectors use: instance, name, component. */
function chartLabels(release: string, name: string, component: string): { [key: string]: string } {
  return { 'app.kubernetes.io/instance': release, 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': component };
}

/** A StatefulSet of the Redis chart: `redis-<component>` with its claim template `redis-data`, labelled like its pods. */
function redisLive(component: string, replicas: number): LiveStatefulSet {
  const labels = chartLabels('redis', 'redis', component === 'replicas' ? 'replica' : component);
  return LiveStatefulSet.of({
    name: `redis-${component}`,
    namespace: 'demo',
    serviceName: 'redis-headless',
    selector: labels,
    replicas,
    claims: [{ name: 'redis-data', size: Size.gibibytes(8), labels }],
  });
}

/** What the three charts run today in namespace `demo`, as `helm get manifest` shows it. */
export const LIVE = {
  zookeeper: LiveStatefulSet.of({
    name: 'zk-zookeeper',
    namespace: 'demo',
    serviceName: 'zk-zookeeper-headless',
    selector: chartLabels('zk', 'zookeeper', 'zookeeper'),
    podManagement: PodManagement.PARALLEL,
    replicas: 3,
    claims: [{ name: 'data', size: Size.gibibytes(8) }],
  }),
  redisMaster: redisLive('master', 1),
  redisReplicas: redisLive('replicas', 3),
  etcd: LiveStatefulSet.of({
    name: 'etcd',
    namespace: 'demo',
    serviceName: 'etcd-headless',
    selector: chartLabels('etcd', 'etcd', 'etcd'),
    podManagement: PodManagement.PARALLEL,
    replicas: 3,
    claims: [{ name: 'data', size: Size.gibibytes(8) }],
  }),
};

if (require.main === module) {
  const app = new App();
  new ZooKeeperFromHelm(app, 'zookeeper', LIVE.zookeeper);
  new RedisFromHelm(app, 'redis', LIVE.redisMaster, LIVE.redisReplicas);
  new EtcdFromHelm(app, 'etcd', LIVE.etcd);
  app.synth();
}
