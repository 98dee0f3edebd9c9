import { AppCheck, assert, portOf, resolveMember, tcpExchange, waitOrFail } from '../../checks';

/**
 * ZooKeeper: every member answers `srvr` on its DNS name and serves; one is the leader,
 * the others follow it.
 */
export const check: AppCheck = {
  async formed(ctx) {
    const port = portOf(ctx.container, 'client', 2181);
    const modes = new Map<string, string>();
    await waitOrFail('every ZooKeeper member to serve', 60_000, async () => {
      for (const pod of ctx.controller.pods) {
        const answer = await tcpExchange(await resolveMember(ctx, pod), port, 'srvr', 3000).catch(() => '');
        modes.set(pod.name, /^Mode: (\w+)/m.exec(answer)?.[1] ?? 'not serving');
      }
      return [...modes.values()].every(mode => mode === 'leader' || mode === 'follower');
    }, 1000, () => [...modes.entries()].map(([n, m]) => `${n} ${m}`).join(', '));
    const leaders = [...modes.entries()].filter(([, mode]) => mode === 'leader').map(([name]) => name);
    const followers = [...modes.entries()].filter(([, mode]) => mode === 'follower').map(([name]) => name);
    assert(leaders.length === 1, `expected one leader, got: ${[...modes.entries()].map(([n, m]) => `${n} ${m}`).join(', ')}`);
    assert(followers.length === ctx.controller.pods.length - 1, `expected ${ctx.controller.pods.length - 1} followers, got ${followers.join(', ')}`);
    ctx.log(`ZooKeeper: ${leaders[0]} leads, ${followers.join(' and ')} follow (srvr on each member's DNS name)`);
  },
};
