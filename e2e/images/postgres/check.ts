import * as net from 'net';
import { AppCheck, assert, CheckContext, CheckFailure, joinsWhenReady, resolveFromPod, waitOrFail } from '../../checks';
import { Pod } from '../../pod';

const ROW = 'written on the primary';

/** One statement through the member's own socket as the superuser; its rows as lines of `|`-separated fields. */
async function sql(pod: Pod, container: string, statement: string): Promise<string[]> {
  const result = await pod.exec(container, ['psql', '--host=/var/run/postgresql', '--username=postgres', '-v', 'ON_ERROR_STOP=1',
    '--no-align', '--tuples-only', '--command', statement], 20_000);
  if (result.code !== 0) {
    throw new CheckFailure(`${pod.name}: '${statement}' failed: ${result.stderr.trim()}`);
  }
  return result.stdout.split('\n').filter(line => line !== '');
}

/**
 * PostgreSQL: the first member is the primary (not in recovery); a row written there is
 * read on every replica, each of which is in recovery and streams from a DNS name that
 * resolves to the primary, as the primary's `pg_stat_replication` and slots confirm.
 */
async function postgresFormed(ctx: CheckContext): Promise<void> {
  const [primary, ...replicas] = ctx.controller.pods;
  const name = ctx.container.name;
  assert((await sql(primary, name, 'SELECT pg_is_in_recovery()'))[0] === 'f', `${primary.name} is in recovery: it should be the primary`);
  await sql(primary, name, `CREATE TABLE IF NOT EXISTS e2e (name text PRIMARY KEY); INSERT INTO e2e VALUES ('${ROW}') ON CONFLICT DO NOTHING`);
  for (const replica of replicas) {
    let seen: string[] = [];
    await waitOrFail(`the row to reach ${replica.name}`, 60_000, async () => {
      seen = await sql(replica, name, 'SELECT pg_is_in_recovery(), (SELECT string_agg(name, \',\') FROM e2e), '
        + '(SELECT sender_host || \'|\' || slot_name || \'|\' || status FROM pg_stat_wal_receiver)').catch(error => [(error as Error).message]);
      return seen[0]?.startsWith(`t|${ROW}|`) && seen[0].endsWith('|streaming');
    }, 1000, () => `got '${seen.join(' ')}' (in recovery|rows|sender|slot|status)`);
    const [, , host, slot] = seen[0].split('|');
    assert(net.isIP(host) === 0, `${replica.name} streams from the address ${host}, not a DNS name`);
    assert((await resolveFromPod(ctx, host, replica.namespace)).includes(primary.ip), `${replica.name} streams from ${host}, which does not resolve to ${primary.name}`);
    assert(slot === `${ctx.controller.name}_${replica.ordinal}`, `${replica.name} uses the slot '${slot}'`);
  }
  const streaming = await sql(primary, name, 'SELECT application_name FROM pg_stat_replication WHERE state = \'streaming\' ORDER BY 1');
  assert(streaming.join() === replicas.map(r => r.name).sort().join(), `${primary.name} streams to ${streaming.join(', ') || 'nobody'}, not to ${replicas.map(r => r.name).join(', ')}`);
  const slots = await sql(primary, name, 'SELECT slot_name FROM pg_replication_slots WHERE active ORDER BY 1');
  ctx.log(`PostgreSQL: ${primary.name} is the primary and streams to ${streaming.join(', ')} (active slots ${slots.join(', ')}); `
    + `each replica is in recovery, follows ${primary.name} by its DNS name and reads the row written on the primary`);
}

/** A member past `replicas` clones the primary like the others and follows it. */
export const check: AppCheck = joinsWhenReady(postgresFormed);
