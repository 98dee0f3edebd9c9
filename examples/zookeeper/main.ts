import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { MemberProbe, OrderedStatefulApp, PodManagement, Quorum, ZooKeeper } from '../../src';

/** Console logging at INFO (the image's own logback.xml is hidden by the config mount). */
const LOGBACK_XML = `<configuration>
  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
    <encoder>
      <pattern>%d{ISO8601} [myid:%X{myid}] - %-5p [%t:%C{1}@%L] - %m%n</pattern>
    </encoder>
  </appender>
  <root level="INFO">
    <appender-ref ref="CONSOLE"/>
  </root>
</configuration>
`;

/**
 * A three-member ZooKeeper ensemble. Every member sees `/conf/zoo.cfg` listing all
 * members (`server.<id>=<fqdn>:2888:3888`), and its own `myid` in its data directory
 * `/data`, where ZooKeeper reads it; clients connect through the Service `zk-client` on 2181.
 *
 * Assumptions about the official `zookeeper:3.8.4` image: it reads its config from
 * `ZOOCFGDIR=/conf`, runs as the non-root user 1000 when asked, and writes only to
 * `/data` (a volume per member), `/datalog`, `/logs` and `/tmp` (emptyDirs here).
 * The server starts in the foreground without the image's entrypoint script, which
 * would write its own `zoo.cfg`.
 */
export class ZooKeeperChart extends Chart {
  public readonly zk: OrderedStatefulApp;
  public readonly quorum: Quorum;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const emptyDir = (name: string) => kplus.Volume.fromEmptyDir(this, name, name);
    this.zk = new OrderedStatefulApp(this, 'zk', {
      name: 'zk',
      replicas: 3,
      // An ensemble needs a majority up before any member serves: start all at once.
      podManagement: PodManagement.PARALLEL,
      configMountPath: '/conf',
      container: {
        image: 'zookeeper:3.8.4',
        command: ['zkServer.sh', 'start-foreground'],
        ports: [
          { name: 'client', number: 2181 },
          { name: 'quorum', number: 2888 },
          { name: 'election', number: 3888 },
        ],
        securityContext: { user: 1000, group: 1000 },
        envVariables: { ZK_SERVER_HEAP: kplus.EnvValue.fromValue('256') },
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(1000) },
          memory: { request: Size.mebibytes(384), limit: Size.mebibytes(512) },
        },
        volumeMounts: ['datalog', 'logs', 'tmp'].map(name => ({ path: `/${name}`, volume: emptyDir(name) })),
      },
      // Ready only while the member serves (it has joined a quorum): ZooKeeper accepts TCP
      // connections before that, so a TCP probe would send clients to a member that answers
      // nothing. `srvr` is one of the four-letter words zoo.cfg allows.
      readiness: MemberProbe.command(['bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/2181 && echo srvr >&3 && grep -q "^Mode: " <&3'],
        { timeout: Duration.seconds(3) }),
      // Snapshots and the id file live on each member's own volume.
      storage: { claims: [{ name: 'data', size: Size.gibibytes(10), mountPath: '/data' }] },
      clientService: { name: 'zk-client', ports: ['client'] },
    });
    this.quorum = new Quorum(this.zk, 'Quorum');
    this.zk.addSharedFile('zoo.cfg', [
      'tickTime=2000',
      'initLimit=10',
      'syncLimit=5',
      'dataDir=/data',
      'dataLogDir=/datalog',
      'clientPort=2181',
      'standaloneEnabled=false',
      'admin.enableServer=false',
      '4lw.commands.whitelist=ruok,srvr,mntr',
      // A member's own DNS name may not resolve yet when it starts: listen on every address.
      'quorumListenOnAllIPs=true',
      '',
    ].join('\n') + ZooKeeper.serverLines(this.quorum, 'quorum', 'election'));
    this.zk.addSharedFile('logback.xml', LOGBACK_XML);
    // ZooKeeper reads its id from the data directory: the file appears there, on the member's volume.
    this.zk.mountFile('myid', '/data/myid');

  }
}

if (require.main === module) {
  const app = new App();
  new ZooKeeperChart(app, 'zookeeper');
  app.synth();
}
