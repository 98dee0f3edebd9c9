import * as path from 'path';

/** The cluster checks the harness knows, by the server a container runs (see checks.ts). */
export enum ClusterCheck {
  ZOOKEEPER = 'zookeeper',
  ETCD = 'etcd',
  MARIADB = 'mariadb',
  REDIS = 'redis',
  NGINX = 'nginx',
}

/**
 * What a container image is on this machine: the image's defaults (ENTRYPOINT, CMD, ENV,
 * WORKDIR) written for the local server, and the files placed at the image's paths inside
 * the container's root, where the local layout differs from the image's.
 */
export interface LocalImage {
  /** The image repository, without registry defaults, tag or digest. */
  readonly repository: string;
  /** The Debian packages that provide the local server. */
  readonly packages: readonly string[];
  /** What runs instead of the image, in words, for the log. */
  readonly runs: string;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  /** The image's ENV (PATH included, as images set it). */
  readonly env: Readonly<Record<string, string>>;
  readonly workingDir?: string;
  /**
   * Container path -> what is mounted there: an absolute path of this machine, or a file
   * under e2e/images/ (a relative path). A path that exists on this machine but not in the
   * image is hidden by mounting /dev/null over it.
   */
  readonly files: Readonly<Record<string, string>>;
  /** Directories the image has that this machine does not: made (empty) in the container's root. */
  readonly dirs?: readonly string[];
  /** A multi-call binary whose applets are linked into /usr/local/bin, the image's first PATH entry. */
  readonly applets?: string;
  /** The cluster check for a StatefulSet whose container runs this image. */
  readonly check?: ClusterCheck;
}

/** The PATH of images that do not set their own. */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The image table: every image the examples run, mapped to a Debian package's server.
 * Images without an entry (Kafka, Cassandra: not in Debian) skip their example with a line
 * that names the image.
 */
export const LOCAL_IMAGES: readonly LocalImage[] = [
  {
    repository: 'busybox',
    packages: ['busybox'],
    runs: 'Debian busybox, its applets first on PATH',
    entrypoint: [],
    cmd: ['sh'],
    env: { PATH: DEFAULT_PATH },
    files: {},
    applets: '/bin/busybox',
  },
  {
    repository: 'bash',
    packages: ['bash', 'coreutils'],
    runs: 'Debian bash (the image\'s busybox tools are coreutils here)',
    entrypoint: [],
    cmd: ['bash'],
    env: { PATH: DEFAULT_PATH },
    files: {},
  },
  {
    // The official image: ZooKeeper in /apache-zookeeper-<version>-bin, config in /conf.
    repository: 'zookeeper',
    packages: ['zookeeper'],
    runs: 'Debian ZooKeeper (/usr/share/zookeeper) with a zkEnv.sh that honours the image\'s ZOOCFGDIR',
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['zkServer.sh', 'start-foreground'],
    env: {
      PATH: `${DEFAULT_PATH}:/usr/share/zookeeper/bin`,
      ZOO_CONF_DIR: '/conf',
      ZOO_DATA_DIR: '/data',
      ZOO_DATA_LOG_DIR: '/datalog',
      ZOO_LOG_DIR: '/logs',
      ZOOCFGDIR: '/conf',
    },
    files: {
      '/docker-entrypoint.sh': 'zookeeper/docker-entrypoint.sh',
      // Debian's zkEnv.sh is a link to this file, which pins the config to /etc/zookeeper/conf.
      '/etc/zookeeper/conf/environment': 'zookeeper/zkEnv.sh',
    },
    check: ClusterCheck.ZOOKEEPER,
  },
  {
    repository: 'gcr.io/etcd-development/etcd',
    packages: ['etcd-server', 'etcd-client'],
    runs: 'Debian etcd-server and etcdctl at the image\'s /usr/local/bin',
    entrypoint: [],
    cmd: ['/usr/local/bin/etcd'],
    env: { PATH: DEFAULT_PATH },
    files: {
      '/usr/local/bin/etcd': '/usr/bin/etcd',
      '/usr/local/bin/etcdctl': '/usr/bin/etcdctl',
    },
    check: ClusterCheck.ETCD,
  },
  {
    // The official image: docker-entrypoint.sh initializes the data directory, then runs mysqld.
    repository: 'mysql',
    packages: ['mariadb-server', 'mariadb-client'],
    runs: 'Debian MariaDB, through an entrypoint that does what the image\'s does',
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    env: { PATH: DEFAULT_PATH },
    files: {
      '/usr/local/bin/docker-entrypoint.sh': 'mysql/docker-entrypoint.sh',
      '/etc/my.cnf': 'mysql/my.cnf',
      // The image has no /etc/mysql/my.cnf; Debian's would add its own server settings.
      '/etc/mysql/my.cnf': '/dev/null',
    },
    // secure-file-priv of the image's my.cnf: the server refuses to start without it.
    dirs: ['/var/lib/mysql-files'],
    check: ClusterCheck.MARIADB,
  },
  {
    repository: 'nginxinc/nginx-unprivileged',
    packages: ['nginx'],
    runs: 'Debian nginx with the image\'s configuration (port 8080, pid and temp files in /tmp)',
    // The image's entrypoint only runs /docker-entrypoint.d/ scripts that edit the config
    // (which a read-only root refuses) or fill templates (none here).
    entrypoint: [],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: { PATH: DEFAULT_PATH },
    files: {
      '/etc/nginx/nginx.conf': 'nginx-unprivileged/nginx.conf',
      '/etc/nginx/conf.d/default.conf': 'nginx-unprivileged/default.conf',
    },
    check: ClusterCheck.NGINX,
  },
  {
    repository: 'redis',
    packages: ['redis-server', 'redis-tools'],
    runs: 'Debian redis-server, which defaults to protected mode where the image does not',
    entrypoint: [],
    cmd: ['redis-server'],
    env: { PATH: DEFAULT_PATH },
    files: { '/usr/local/bin/redis-server': 'redis/redis-server' },
    check: ClusterCheck.REDIS,
  },
  {
    repository: 'oliver006/redis_exporter',
    packages: ['prometheus-redis-exporter'],
    runs: 'Debian prometheus-redis-exporter',
    entrypoint: ['/redis_exporter'],
    cmd: [],
    env: { PATH: DEFAULT_PATH },
    files: { '/redis_exporter': '/usr/bin/prometheus-redis-exporter' },
  },
];

/** The image's repository: without tag, digest and the Docker Hub defaults. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const repository = colon > lastSlash ? withoutDigest.slice(0, colon) : withoutDigest;
  return repository.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

export function localImage(image: string): LocalImage | undefined {
  const repository = imageRepository(image);
  return LOCAL_IMAGES.find(entry => entry.repository === repository);
}

/** Where a `files` source is on this machine. */
export function fileSource(source: string): string {
  return path.isAbsolute(source) ? source : path.join(__dirname, 'images', source);
}
