import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { OrderedStatefulApp, PrimaryReplicas } from '../../src';
import { errorOf, webProps } from '../app-fixtures';
import { findAll } from '../util';

const DB = { image: 'mysql:8.0.36', ports: [{ name: 'mysql', number: 3306 }] };
const UNIQUE = 'must be unique per kind and namespace in the whole cdk8s app';

function twoCharts(namespaces: [string?, string?] = ['prod', 'prod']) {
  const app = Testing.app();
  return { app, first: new Chart(app, 'first', { namespace: namespaces[0] }), second: new Chart(app, 'second', { namespace: namespaces[1] }) };
}

describe('object names across a cdk8s app', () => {
  test('fails when two apps of one chart have the same name, once per colliding object, naming both construct paths', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'prod' });
    new OrderedStatefulApp(chart, 'db', { container: DB });
    new OrderedStatefulApp(chart, 'db2', { name: 'db', container: DB });
    expect(errorOf(() => Testing.synth(chart))).toEqual([
      'Validation failed with the following errors:',
      '  [test/db2] \'test/db2\': invalid OrderedStatefulAppProps:',
      `- 'serviceName' ${UNIQUE}, got 'db-headless' for Service 'test/db2/HeadlessService' and Service 'test/db/HeadlessService', `
      + 'both in namespace \'prod\': applied together, one overwrites the other',
      `- 'name' ${UNIQUE}, got 'db' for StatefulSet 'test/db2/StatefulSet' and StatefulSet 'test/db/StatefulSet', `
      + 'both in namespace \'prod\': applied together, one overwrites the other',
      `- 'name' ${UNIQUE}, got 'db' for PodDisruptionBudget 'test/db2/DisruptionBudget' and PodDisruptionBudget 'test/db/DisruptionBudget', `
      + 'both in namespace \'prod\': applied together, one overwrites the other',
    ].join('\n'));
  });

  test('fails when apps in two charts of one namespace have the same name, under app.synth() too', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'names-'));
    const app = new App({ outdir });
    new OrderedStatefulApp(new Chart(app, 'first', { namespace: 'prod' }), 'db', { container: DB });
    new OrderedStatefulApp(new Chart(app, 'second', { namespace: 'prod' }), 'db', { container: DB });
    expect(errorOf(() => app.synth())).toContain(
      `[second/db] 'second/db': invalid OrderedStatefulAppProps:\n- 'serviceName' ${UNIQUE}, got 'db-headless' for Service 'second/db/HeadlessService' and Service 'first/db/HeadlessService'`);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('fails when a client Service is named like the headless Service of another app', () => {
    const { app, first, second } = twoCharts();
    new OrderedStatefulApp(first, 'db', { container: DB });
    new OrderedStatefulApp(second, 'web', webProps({ clientService: { name: 'db-headless' } }));
    expect(errorOf(() => app.synthYaml())).toContain(`'second/web': invalid OrderedStatefulAppProps:\n- 'clientService.name' ${UNIQUE}, `
      + 'got \'db-headless\' for Service \'second/web/ClientService\' and Service \'first/db/HeadlessService\', both in namespace \'prod\'');
  });

  test('fails when the primary Service is named like the app\'s client Service', () => {
    const chart = new Chart(Testing.app(), 'test');
    const db = new OrderedStatefulApp(chart, 'db', { replicas: 2, configMountPath: '/etc/db', container: DB, clientService: { name: 'db-primary' } });
    new PrimaryReplicas(db, 'Topology');
    expect(errorOf(() => Testing.synth(chart))).toContain(`'test/db/Topology': invalid PrimaryReplicasProps:\n- 'primaryServiceName' ${UNIQUE}, `
      + 'got \'db-primary\' for Service \'test/db/Topology/PrimaryService\' and Service \'test/db/ClientService\', both without a namespace');
  });

  test('fails when a user object has the name of an app\'s object, whichever comes first', () => {
    const chart = new Chart(Testing.app(), 'test');
    new kplus.ConfigMap(chart, 'Settings', { metadata: { name: 'web-config' } });
    new OrderedStatefulApp(chart, 'web', webProps({ configMountPath: '/etc/web' })).addSharedFile('a.conf', 'a');
    new ApiObject(chart, 'Budget', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' } });
    const message = errorOf(() => Testing.synth(chart));
    expect(message).toContain(`- 'name' ${UNIQUE}, got 'web-config' for ConfigMap 'test/web/Config/ConfigMap' and ConfigMap 'test/Settings'`);
    expect(message).toContain(`- 'name' ${UNIQUE}, got 'web' for PodDisruptionBudget 'test/web/DisruptionBudget' and PodDisruptionBudget 'test/Budget'`);
  });

  test('a third object of the same name is reported against the first', () => {
    const chart = new Chart(Testing.app(), 'test');
    for (const id of ['a', 'b', 'c']) {
      new OrderedStatefulApp(chart, id, { name: 'db', container: DB });
    }
    const message = errorOf(() => Testing.synth(chart))!;
    expect(message).toContain('got \'db\' for StatefulSet \'test/b/StatefulSet\' and StatefulSet \'test/a/StatefulSet\'');
    expect(message).toContain('got \'db\' for StatefulSet \'test/c/StatefulSet\' and StatefulSet \'test/a/StatefulSet\'');
    expect(message.match(/for StatefulSet/g)).toHaveLength(2);
  });

  test('objects of the same name in other namespaces, of other kinds or of other API groups do not collide', () => {
    const { app, first, second } = twoCharts(['prod', 'staging']);
    new OrderedStatefulApp(first, 'db', { container: DB });
    new OrderedStatefulApp(second, 'db', { container: DB });
    new kplus.ConfigMap(first, 'Db', { metadata: { name: 'db' } });
    new ApiObject(first, 'Custom', { apiVersion: 'example.com/v1', kind: 'StatefulSet', metadata: { name: 'db' } });
    expect(findAll(Testing.synth(first), 'StatefulSet')).toHaveLength(2);
    expect(app.synthYaml()).toContain('namespace: staging');
  });

  test('an object with its own namespace collides in that namespace, not in its chart\'s', () => {
    const { app, first, second } = twoCharts(['prod', 'staging']);
    new OrderedStatefulApp(first, 'db', { container: DB });
    new OrderedStatefulApp(second, 'db', { container: DB, namespace: 'prod' });
    expect(errorOf(() => app.synthYaml())).toContain('got \'db\' for StatefulSet \'second/db/StatefulSet\' and StatefulSet \'first/db/StatefulSet\', both in namespace \'prod\'');
  });

  test('collisions between objects that are not the library\'s are left to their authors', () => {
    const chart = new Chart(Testing.app(), 'test');
    new kplus.ConfigMap(chart, 'One', { metadata: { name: 'shared' } });
    new kplus.ConfigMap(chart, 'Two', { metadata: { name: 'shared' } });
    new OrderedStatefulApp(chart, 'web', webProps());
    expect(findAll(Testing.synth(chart), 'ConfigMap')).toHaveLength(2);
  });

  test('a collision added after a first synthesis is found by the next one', () => {
    const chart = new Chart(Testing.app(), 'test');
    new OrderedStatefulApp(chart, 'web', webProps());
    expect(findAll(Testing.synth(chart), 'StatefulSet')).toHaveLength(1);
    new OrderedStatefulApp(chart, 'web2', webProps({ name: 'web' }));
    expect(errorOf(() => Testing.synth(chart))).toContain('got \'web\' for StatefulSet \'test/web2/StatefulSet\' and StatefulSet \'test/web/StatefulSet\'');
  });

  test('validating an app on its own sees the objects added since the last synthesis', () => {
    const chart = new Chart(Testing.app(), 'test');
    const web = new OrderedStatefulApp(chart, 'web', webProps());
    Testing.synth(chart);
    new ApiObject(chart, 'Budget', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' } });
    expect(web.node.validate()).toEqual([`'test/web': invalid OrderedStatefulAppProps:\n- 'name' ${UNIQUE}, `
      + 'got \'web\' for PodDisruptionBudget \'test/web/DisruptionBudget\' and PodDisruptionBudget \'test/Budget\', both without a namespace: '
      + 'applied together, one overwrites the other']);
  });
});
