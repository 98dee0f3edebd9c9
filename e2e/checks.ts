import { promises as dns } from 'dns';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { ClusterCheck } from './images';
import { CLUSTER_DOMAIN, Container, isHeadless, POD_NAME_LABEL, Service } from './manifest';
import { Pod } from './pod';
import { waitFor } from './processes';
import { StatefulSetController } from './statefulset';

/** What a cluster check works with: the StatefulSet's members and the test's DNS. */
export interface CheckContext {
  readonly controller: StatefulSetController;
  /** The container that runs the app. */
  readonly container: Container;
  readonly resolver: dns.Resolver;
  /** The Services of the example. */
  readonly services: readonly Service[];
  log(line: string): void;
}

/** How an app proves it formed its cluster, and what it does with a member past `replicas`. */
export interface AppCheck {
  formed(ctx: CheckContext): Promise<void>;
  /** A member that starts with the template identity only; without this, it must become Ready. */
  extraMember?(ctx: CheckContext, pod: Pod): Promise<void>;
}

export class CheckFailure extends Error {}

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new CheckFailure(message);
  }
}

/** The container port of this name, or the first one, or the app's usual port. */
function portOf(container: Container, name: string, fallback: number): number {
  const ports = container.ports ?? [];
  return (ports.find(p => p.name === name) ?? ports[0])?.containerPort ?? fallback;
}

/** Resolves a member's DNS name through the test's DNS and checks it is the member's address. */
async function resolveMember(ctx: CheckContext, pod: Pod): Promise<string> {
  const addresses = await ctx.resolver.resolve4(pod.fqdn);
  assert(addresses.length === 1 && addresses[0] === pod.ip, `${pod.fqdn} resolves to ${addresses.join(', ')}, not to ${pod.name}'s address ${pod.ip}`);
  return addresses[0];
}

/**
 * Resolves a name as a pod's resolver does with the cluster search path and `ndots:5`: a
 * name with fewer than five dots is tried in the pod's namespace, `svc` and the cluster
 * domain first, then as it is.
 */
async function resolveFromPod(ctx: CheckContext, name: string, namespace: string): Promise<string[]> {
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN].map(domain => `${name}.${domain}`);
  const candidates = name.split('.').length - 1 < 5 ? [...search, name] : [name, ...search];
  for (const candidate of candidates) {
    const addresses = await ctx.resolver.resolve4(candidate).catch(() => []);
    if (addresses.length > 0) {
      return addresses;
    }
  }
  return [];
}

/** Sends a line to a TCP port and reads until the server closes, or `timeoutMs` passes. */
function tcpExchange(host: string, port: number, send: string, timeoutMs: number, until?: (received: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = net.connect({ host, port }, () => socket.write(send));
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no complete answer from ${host}:${port} within ${timeoutMs} ms (got '${received}')`));
    });
    socket.on('data', chunk => {
      received += chunk.toString();
      if (until?.(received)) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
}

function httpGet(address: string, port: number, hostHeader: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: address, port, path: '/', headers: { Host: hostHeader }, timeout: timeoutMs }, response => {
      let body = '';
      response.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer from ${hostHeader} within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** Reads `key=value` lines (ini files, INFO output) into a map; the last value of a key wins. */
function keyValues(text: string, separator: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(separator);
    if (at > 0 && !line.trimStart().startsWith('#')) {
      values.set(line.slice(0, at).trim(), line.slice(at + separator.length).trim());
    }
  }
  return values;
}

/**
 * ZooKeeper: every member answers `srvr` on its DNS name and serves; one is the leader,
 * the others follow it.
 */
const zookeeper: AppCheck = {
  async formed(ctx) {
    const port = portOf(ctx.container, 'client', 2181);
    const modes = new Map<string, string>();
    await waitFor('every ZooKeeper member to serve', 60_000, async () => {
      for (const pod of ctx.controller.pods) {
        const answer = await tcpExchange(await resolveMember(ctx, pod), port, 'srvr', 3000).catch(() => '');
        modes.set(pod.name, /^Mode: (\w+)/m.exec(answer)?.[1] ?? 'not serving');
      }
      return [...modes.values()].every(mode => mode === 'leader' || mode === 'follower');
    }, 1000).catch(error => {
      throw new CheckFailure(`${(error as Error).message}: ${[...modes.entries()].map(([n, m]) => `${n} ${m}`).join(', ')}`);
    });
    const leaders = [...modes.entries()].filter(([, mode]) => mode === 'leader').map(([name]) => name);
    const followers = [...modes.entries()].filter(([, mode]) => mode === 'follower').map(([name]) => name);
    assert(leaders.length === 1, `expected one leader, got: ${[...modes.entries()].map(([n, m]) => `${n} ${m}`).join(', ')}`);
    assert(followers.length === ctx.controller.pods.length - 1, `expected ${ctx.controller.pods.length - 1} followers, got ${followers.join(', ')}`);
    ctx.log(`ZooKeeper: ${leaders[0]} leads, ${followers.join(' and ')} follow (srvr on each member's DNS name)`);
  },
};

/**
 * etcd: `etcdctl endpoint health --cluster` (which reaches every member by the client URL
 * it advertises) is healthy for all members, and the member names are the pod names.
 */
const etcd: AppCheck = {
  async formed(ctx) {
    const pods = ctx.controller.pods;
    const first = pods[0];
    const list = await first.exec(ctx.container.name, ['etcdctl', 'member', 'list', '--write-out=json'], 10_000);
    assert(list.code === 0, `etcdctl member list failed: ${list.stderr}`);
    const members = (JSON.parse(list.stdout) as { members: { name: string; clientURLs: string[] }[] }).members;
    const names = members.map(m => m.name).sort();
    const podNames = pods.map(p => p.name).sort();
    assert(names.join() === podNames.join(), `member names ${names.join(', ')} are not the pod names ${podNames.join(', ')}`);
    let health = { code: null as number | null, stdout: '', stderr: '' };
    await waitFor('etcd endpoint health --cluster', 30_000, async () => {
      health = await first.exec(ctx.container.name, ['etcdctl', 'endpoint', 'health', '--cluster'], 15_000);
      return health.code === 0;
    }, 1000);
    const healthy = `${health.stdout}${health.stderr}`.split('\n').filter(line => line.includes(' is healthy'));
    for (const pod of pods) {
      assert(healthy.some(line => line.includes(`//${pod.fqdn}:`)), `${pod.fqdn} is not among the healthy endpoints:\n${health.stdout}${health.stderr}`);
    }
    ctx.log(`etcd: members ${names.join(', ')}; endpoint health --cluster: ${healthy.length} healthy (${pods.map(p => p.fqdn).join(', ')})`);
  },

  /** A member missing from --initial-cluster: etcd refuses to start it. */
  async extraMember(ctx, pod) {
    await waitFor(`${pod.name}'s etcd to exit`, 30_000, () => pod.restarts()[ctx.container.name] > 0);
    const output = pod.output(ctx.container.name);
    assert(output.includes(`couldn't find local name "${pod.name}" in the initial cluster configuration`), `${pod.name} exited, but not because it is missing from the initial cluster:\n${output}`);
    ctx.log(`etcd: ${pod.name} is refused by etcd: not in --initial-cluster (the container exits and would crash-loop)`);
  },
};

/** The member's MariaDB settings from the files the image reads (/etc/mysql/conf.d), as the server applies them. */
function configuredServer(pod: Pod, container: Container): { serverId?: number; readOnly: boolean } {
  const mount = (container.volumeMounts ?? []).find(m => m.mountPath === '/etc/mysql/conf.d');
  const dir = mount && pod.volumePath(mount.name);
  const text = dir ? fs.readdirSync(dir).filter(f => f.endsWith('.cnf')).sort().map(f => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n') : '';
  const values = keyValues(text.replace(/_/g, '-'), '=');
  const id = values.get('server-id');
  return { serverId: id === undefined ? undefined : Number(id), readOnly: ['ON', '1', 'TRUE'].includes((values.get('read-only') ?? 'OFF').toUpperCase()) };
}

async function sql(pod: Pod, container: string, statement: string): Promise<string> {
  const password = pod.env(container).MYSQL_ROOT_PASSWORD ?? '';
  const result = await pod.exec(container, ['mysql', '-uroot', `--password=${password}`, '-N', '-B', '-e', statement], 20_000);
  if (result.code !== 0) {
    throw new CheckFailure(`${pod.name}: '${statement}' failed: ${result.stderr.trim()}`);
  }
  return result.stdout.trim();
}

/**
 * The mysql example on MariaDB: every member runs with the server_id and read_only its own
 * files give, the first member is writable and the others read-only. The example leaves
 * starting replication to the operator; the check does that step (in MariaDB's words,
 * through the primary's Service) and sees a row written on the primary reach every replica.
 */
const mariadb: AppCheck = {
  async formed(ctx) {
    const pods = ctx.controller.pods;
    const name = ctx.container.name;
    const ids = new Set<number>();
    for (const pod of pods) {
      const [serverId, readOnly] = (await sql(pod, name, 'SELECT @@server_id, @@read_only')).split('\t').map(Number);
      const expected = configuredServer(pod, ctx.container);
      assert(expected.serverId !== undefined && serverId === expected.serverId, `${pod.name}: server_id ${serverId}, its files say ${expected.serverId}`);
      assert((readOnly === 1) === expected.readOnly, `${pod.name}: read_only ${readOnly}, its files say ${expected.readOnly ? 'ON' : 'OFF'}`);
      assert((readOnly === 1) === (pod !== pods[0]), `${pod.name}: read_only ${readOnly}; expected the first member writable and the others read-only`);
      ids.add(serverId);
      ctx.log(`MariaDB: ${pod.name} server_id ${serverId}, read_only ${readOnly}`);
    }
    assert(ids.size === pods.length, `server ids are not distinct: ${[...ids].join(', ')}`);

    // The Service that reaches only the first member (PrimaryReplicas' `<name>-primary`).
    const primaryService = ctx.services.find(s => !isHeadless(s) && s.spec.selector?.[POD_NAME_LABEL] === pods[0].name)?.metadata.name;
    assert(primaryService !== undefined, `no Service selects only ${pods[0].name}: replicas have no stable name to follow`);
    const password = pods[0].env(name).MYSQL_ROOT_PASSWORD ?? '';
    for (const replica of pods.slice(1)) {
      await sql(replica, name, `CHANGE MASTER TO MASTER_HOST='${primaryService}', MASTER_USER='root', MASTER_PASSWORD='${password}', MASTER_USE_GTID=slave_pos; START SLAVE`);
    }
    await sql(pods[0], name, 'CREATE DATABASE e2e; CREATE TABLE e2e.members (name VARCHAR(63)); INSERT INTO e2e.members VALUES (\'written on the primary\')');
    for (const replica of pods.slice(1)) {
      await waitFor(`the row to reach ${replica.name}`, 30_000, async () => {
        const status = await sql(replica, name, 'SHOW SLAVE STATUS\\G');
        const error = /Last_(IO|SQL)_Error: (.+)/.exec(status);
        if (error) {
          throw new CheckFailure(`${replica.name}: replication from ${primaryService} fails: ${error[2]}`);
        }
        return (await sql(replica, name, 'SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = \'e2e\'')) === '1'
          && (await sql(replica, name, 'SELECT name FROM e2e.members')) === 'written on the primary';
      }, 500);
    }
    ctx.log(`MariaDB: after the operator's step (replicas follow '${primaryService}'), a row written on ${pods[0].name} reached ${pods.slice(1).map(p => p.name).join(' and ')}`);
  },
};

/** Whether a Redis reply is complete: a bulk string of the length its header gives, or a one-line reply. */
function respComplete(reply: string): boolean {
  const bulk = /^\$(\d+)\r\n/.exec(reply);
  if (bulk) {
    return Buffer.byteLength(reply) >= bulk[0].length + Number(bulk[1]) + 2;
  }
  return reply.endsWith('\r\n');
}

/**
 * Redis: the primary (the only member with role master) reports every other member as a
 * connected replica, and each replica follows the primary by a DNS name that resolves to
 * the primary's address.
 */
async function redisFormed(ctx: CheckContext): Promise<void> {
  const port = portOf(ctx.container, 'redis', 6379);
  const pods = ctx.controller.pods;
  const infos = new Map<Pod, Map<string, string>>();
  await waitFor('the Redis replicas to connect', 60_000, async () => {
    for (const pod of pods) {
      const answer = await tcpExchange(await resolveMember(ctx, pod), port, 'INFO replication\r\n', 3000, respComplete).catch(() => '');
      infos.set(pod, keyValues(answer, ':'));
    }
    const masters = [...infos.values()].filter(info => info.get('role') === 'master');
    return masters.length === 1 && Number(masters[0].get('connected_slaves')) === pods.length - 1
        && [...infos.values()].every(info => info.get('role') === 'master' || info.get('master_link_status') === 'up');
  }, 1000).catch(error => {
    const roles = pods.map(pod => `${pod.name} ${infos.get(pod)?.get('role') ?? 'no answer'}`
      + ` (replicas ${infos.get(pod)?.get('connected_slaves') ?? '-'}, link ${infos.get(pod)?.get('master_link_status') ?? '-'})`);
    throw new CheckFailure(`${(error as Error).message}: ${roles.join(', ')}`);
  });
  const primary = pods.find(pod => infos.get(pod)?.get('role') === 'master');
  assert(primary === pods[0], `expected ${pods[0].name} as the primary, got ${primary?.name}`);
  for (const replica of pods.slice(1)) {
    const host = infos.get(replica)?.get('master_host') ?? '';
    assert(net.isIP(host) === 0, `${replica.name} follows the address ${host}, not a DNS name`);
    const addresses = await resolveFromPod(ctx, host, replica.namespace);
    assert(addresses.includes(primary.ip), `${replica.name} follows ${host}, which does not resolve to ${primary.name}`);
  }
  ctx.log(`Redis: ${primary.name} reports ${pods.length - 1} connected replicas, which follow it by its DNS name`);
}

const redis: AppCheck = {
  formed: redisFormed,

  /** A member past `replicas` takes the replicas' defaults and joins as one more replica. */
  async extraMember(ctx, pod) {
    await ctx.controller.waitReady(pod);
    await redisFormed(ctx);
  },
};

/**
 * nginx: every member answers on its DNS name. Where a member's own volume holds the
 * image's pages (/usr/share/nginx/html), the check puts a page naming the member there
 * and expects that page back, which proves the name leads to that member and its storage.
 */
const nginx: AppCheck = {
  async formed(ctx) {
    for (const pod of ctx.controller.pods) {
      await answersOnItsName(ctx, pod);
    }
  },

  async extraMember(ctx, pod) {
    await ctx.controller.waitReady(pod);
    await answersOnItsName(ctx, pod);
  },
};

async function answersOnItsName(ctx: CheckContext, pod: Pod): Promise<void> {
  const docroot = (ctx.container.volumeMounts ?? []).find(m => m.mountPath === '/usr/share/nginx/html' && !m.subPath);
  const dir = docroot && pod.volumePath(docroot.name);
  if (dir) {
    fs.writeFileSync(path.join(dir, 'index.html'), `${pod.name}\n`, { mode: 0o644 });
  }
  const port = portOf(ctx.container, 'http', 8080);
  const response = await httpGet(await resolveMember(ctx, pod), port, pod.fqdn, 5000);
  assert(response.status === 200, `${pod.fqdn}:${port} answered ${response.status}`);
  const expected = dir ? `${pod.name}\n` : undefined;
  assert(expected === undefined ? response.body.includes('nginx') : response.body === expected,
    `${pod.fqdn}:${port} answered '${response.body.slice(0, 80)}', expected ${expected ? `'${expected.trim()}'` : 'the image\'s page'}`);
  ctx.log(`nginx: ${pod.name} answers on http://${pod.fqdn}:${port}/ with ${dir ? 'the page in its own volume' : 'the image\'s page'}`);
}

export const APP_CHECKS: Readonly<Record<ClusterCheck, AppCheck>> = {
  [ClusterCheck.ZOOKEEPER]: zookeeper,
  [ClusterCheck.ETCD]: etcd,
  [ClusterCheck.MARIADB]: mariadb,
  [ClusterCheck.REDIS]: redis,
  [ClusterCheck.NGINX]: nginx,
};
