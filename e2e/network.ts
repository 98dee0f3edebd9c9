import { runOk, sleep } from './processes';

/**
 * The test's network: a "node" network namespace holding a bridge, the harness (as kubelet
 * would probe from the node) and the DNS server; each pod in a network namespace of its own
 * with a veth pair onto the bridge. Nothing is added to the machine's own network
 * namespace, and the node namespace has no route out: traffic stays inside.
 */
export const PREFIX = 'stk-e2e';
export const NODE_NETNS = `${PREFIX}-node`;
const BRIDGE = 'br0';
const SUBNET = '10.244.0';
/** The node's address on the bridge: the pods' gateway and their DNS server. */
export const NODE_ADDRESS = `${SUBNET}.1`;
const FIRST_POD_HOST = 10;
const LAST_POD_HOST = 250;

export function netnsPath(name: string): string {
  return `/run/netns/${name}`;
}

export async function listNetns(): Promise<string[]> {
  const out = await runOk(['ip', '-o', 'netns', 'list']);
  return out.split('\n').map(line => line.split(' ')[0]).filter(name => name.startsWith(`${PREFIX}-`));
}

/** Kills every process in a network namespace of the test and deletes the namespace. */
export async function deleteNetns(name: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pids = (await runOk(['ip', 'netns', 'pids', name])).split('\n').filter(Boolean).map(Number);
    if (pids.length === 0) {
      break;
    }
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Exited meanwhile.
      }
    }
    await sleep(100);
  }
  await runOk(['ip', 'netns', 'delete', name]);
}

/** The node namespace with its bridge; the harness re-runs itself inside it. */
export async function createNode(): Promise<void> {
  await runOk(['ip', 'netns', 'add', NODE_NETNS]);
  const ip = (...args: string[]) => runOk(['ip', '-n', NODE_NETNS, ...args]);
  await ip('link', 'set', 'lo', 'up');
  await ip('link', 'add', BRIDGE, 'type', 'bridge');
  await ip('addr', 'add', `${NODE_ADDRESS}/24`, 'dev', BRIDGE);
  await ip('link', 'set', BRIDGE, 'up');
}

let nextHost = FIRST_POD_HOST;

/** A pod's network namespace: loopback, eth0 on the bridge with the next free address, default route via the node. */
export async function createPodNetwork(): Promise<{ netns: string; ip: string }> {
  if (nextHost > LAST_POD_HOST) {
    throw new Error(`more than ${LAST_POD_HOST - FIRST_POD_HOST + 1} pods in one run`);
  }
  const host = nextHost++;
  const netns = `${PREFIX}-pod${host}`;
  const podIp = `${SUBNET}.${host}`;
  const veth = `veth${host}`;
  await runOk(['ip', 'netns', 'add', netns]);
  await runOk(['ip', '-n', NODE_NETNS, 'link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns]);
  await runOk(['ip', '-n', NODE_NETNS, 'link', 'set', veth, 'master', BRIDGE, 'up']);
  const ip = (...args: string[]) => runOk(['ip', '-n', netns, ...args]);
  await ip('link', 'set', 'lo', 'up');
  await ip('addr', 'add', `${podIp}/24`, 'dev', 'eth0');
  await ip('link', 'set', 'eth0', 'up');
  await ip('route', 'add', 'default', 'via', NODE_ADDRESS);
  return { netns, ip: podIp };
}
