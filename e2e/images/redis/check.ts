import * as net from 'net';
import { AppCheck, assert, CheckContext, joinsWhenReady, keyValues, portOf, resolveFromPod, resolveMember, tcpExchange, waitOrFail } from '../../checks';
import { Pod } from '../../pod';

/** Whether a Redis reply is complete: a bulk string of the length its header gives, or a one-line reply. */
function respComplete(reply: string): boolean {
  const bulk = /^\$(\d+)\r\n/.exec(reply);
  if (bulk) {
    return Buffer.byteLength(reply) >= bulk[0].length + Number(bulk[1]) + 2;
  }
  return reply.endsWith('\r\n');
}

/** The password a member's command line sets (`--requirepass`), which every command must give first. */
function passwordOf(pod: Pod, container: string): string | undefined {
  const argv = pod.argv(container);
  const at = argv.indexOf('--requirepass');
  return at < 0 ? undefined : argv[at + 1];
}

/**
 * The Redis members that form one group: this StatefulSet's, and those of every StatefulSet
 * under the same governing Service (a chart's primary and replicas are two StatefulSets).
 */
function groupOf(ctx: CheckContext): Pod[] {
  const { sts } = ctx.controller;
  return ctx.controllers
    .filter(c => c === ctx.controller || (c.sts.spec.serviceName === sts.spec.serviceName && c.sts.metadata.namespace === sts.metadata.namespace))
    .flatMap(c => c.pods);
}

/**
 * Redis: the primary (the only member with role master) reports every other member as a
 * connected replica, and each replica follows the primary by a DNS name that resolves to
 * the primary's address.
 */
async function redisFormed(ctx: CheckContext): Promise<void> {
  const port = portOf(ctx.container, 'redis', 6379);
  const pods = groupOf(ctx);
  const infos = new Map<Pod, Map<string, string>>();
  await waitOrFail('the Redis replicas to connect', 60_000, async () => {
    for (const pod of pods) {
      const password = passwordOf(pod, ctx.container.name);
      const command = `${password === undefined ? '' : `AUTH ${password}\r\n`}INFO replication\r\n`;
      const answer = await tcpExchange(await resolveMember(ctx, pod), port, command, 3000, reply => respComplete(reply.replace(/^\+OK\r\n/, ''))).catch(() => '');
      infos.set(pod, keyValues(answer.replace(/^\+OK\r\n/, ''), ':'));
    }
    const masters = [...infos.values()].filter(info => info.get('role') === 'master');
    return masters.length === 1 && Number(masters[0].get('connected_slaves')) === pods.length - 1
        && [...infos.values()].every(info => info.get('role') === 'master' || info.get('master_link_status') === 'up');
  }, 1000, () => pods.map(pod => `${pod.name} ${infos.get(pod)?.get('role') ?? 'no answer'}`
    + ` (replicas ${infos.get(pod)?.get('connected_slaves') ?? '-'}, link ${infos.get(pod)?.get('master_link_status') ?? '-'})`).join(', '));
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

/** A member past `replicas` takes the replicas' defaults and joins as one more replica. */
export const check: AppCheck = joinsWhenReady(redisFormed);
