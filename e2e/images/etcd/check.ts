import { AppCheck, assert } from '../../checks';
import { waitFor } from '../../processes';

/**
 * etcd: `etcdctl endpoint health --cluster` (which reaches every member by the client URL
 * it advertises) is healthy for all members, and the member names are the pod names.
 */
export const check: AppCheck = {
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
