import { App, Chart, ChartProps, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClaimRetention, Etcd, MemberProbe, OrderedStatefulApp, PodManagement, Spread } from '../../src';

const ETCD_USER = 65532;

/**
 * A three-member etcd cluster that bootstraps in parallel, and a frontend that starts
 * only once etcd answers.
 *
 * Every member gets its flags from Kubernetes alone: `$(POD_NAME)` in `args` is expanded
 * from the downward API, so no shell is needed, and `--initial-cluster` lists every
 * member's DNS name from the headless Service.
 */
export class EtcdChart extends Chart {
  public readonly etcd: OrderedStatefulApp;
  public readonly frontend: OrderedStatefulApp;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    this.frontend = new OrderedStatefulApp(this, 'frontend', {
      name: 'frontend',
      replicas: 2,
      container: {
        image: 'nginxinc/nginx-unprivileged:1.25.5',
        ports: [{ name: 'http', number: 8080 }],
        securityContext: { user: 101, group: 101 },
        resources: {
          cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
        },
        volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(this, 'frontend-tmp', 'tmp') }],
      },
      clientService: {},
    });

    // The member names are known once the app exists; these flags are computed at synth time.
    let etcd: OrderedStatefulApp | undefined;
    const atSynth = (produce: () => string): string => Lazy.any({ produce });

    etcd = new OrderedStatefulApp(this, 'etcd', {
      name: 'etcd',
      replicas: 3,
      // etcd members find each other and elect a leader on their own: start them together.
      podManagement: PodManagement.PARALLEL,
      container: {
        image: 'gcr.io/etcd-development/etcd:v3.5.9',
        command: ['/usr/local/bin/etcd'],
        args: [
          '--name=$(POD_NAME)',
          // A directory inside the volume, created by etcd itself with the mode it requires.
          '--data-dir=/var/lib/etcd/data',
          '--listen-client-urls=http://0.0.0.0:2379',
          '--listen-peer-urls=http://0.0.0.0:2380',
          // POD_FQDN is in every member's environment: `<pod>.<headless service>.<namespace>.svc.<domain>`.
          '--advertise-client-urls=http://$(POD_FQDN):2379',
          '--initial-advertise-peer-urls=http://$(POD_FQDN):2380',
          atSynth(() => `--initial-cluster=${Etcd.initialCluster(etcd!, 'peer')}`),
          '--initial-cluster-state=new',
          '--initial-cluster-token=etcd',
        ],
        ports: [{ name: 'client', number: 2379 }, { name: 'peer', number: 2380 }],
        // The image is distroless and declares no user: run as its numeric non-root user.
        securityContext: { user: ETCD_USER, group: ETCD_USER },
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(1000) },
          memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) },
        },
      },
      // Ready only while the member sees a leader: clients never reach a member without quorum.
      readiness: MemberProbe.http('/health', { port: 'client' }),
      spreading: { acrossNodes: Spread.REQUIRED, acrossZones: Spread.PREFERRED },
      clientService: { ports: ['client'] },
      storage: {
        claims: [{ name: 'data', size: Size.gibibytes(1), mountPath: '/var/lib/etcd' }],
        whenDeleted: ClaimRetention.RETAIN,
        // A removed member's data is of no use to a member added later with the same name.
        whenScaled: ClaimRetention.DELETE,
      },
      networkPolicy: {
        peerPorts: ['peer'],
        clientPodLabels: this.frontend.selectorLabels,
      },
    });
    this.etcd = etcd;
    // Two of three members keep the quorum: evictions take at most one member at a time.
    this.etcd.protectQuorum(2);
    this.frontend.startAfter(this.etcd);
  }
}

if (require.main === module) {
  const app = new App();
  new EtcdChart(app, 'etcd');
  app.synth();
}
