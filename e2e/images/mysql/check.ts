import * as fs from 'fs';
import * as path from 'path';
import { AppCheck, assert, CheckFailure, keyValues } from '../../checks';
import { Container, isHeadless, POD_NAME_LABEL } from '../../manifest';
import { Pod } from '../../pod';
import { waitFor } from '../../processes';

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
export const check: AppCheck = {
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
