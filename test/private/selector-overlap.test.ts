import { Size } from 'cdk8s';
import { LiveStatefulSet, OrderedStatefulApp } from '../../src';
import { errorOf, IMAGE } from '../app-fixtures';
import { newChart, synth } from '../util';

function adopting(name: string, selector: { [key: string]: string }) {
  return {
    adopt: LiveStatefulSet.of({ name, serviceName: `${name}-headless`, selector, claims: [{ name: 'data', size: Size.gibibytes(1) }] }),
    container: { image: IMAGE, ports: [{ name: 'redis', number: 6379 }] },
    storage: { claims: [{ name: 'data', size: Size.gibibytes(1), mountPath: '/data' }] },
  };
}

describe('selectors of two apps', () => {
  test('fails at synth when an adopted selector also selects another app\'s pods', () => {
    // GIVEN one app selecting { instance: redis } and another whose pods carry it too
    const chart = newChart();
    new OrderedStatefulApp(chart, 'all', adopting('redis-all', { 'app.kubernetes.io/instance': 'redis' }));
    new OrderedStatefulApp(chart, 'master', adopting('redis-master', { 'app.kubernetes.io/instance': 'redis', 'app.kubernetes.io/component': 'master' }));
    // WHEN
    const message = errorOf(() => synth(chart));
    // THEN
    expect(message).toContain("[test/all] 'test/all': invalid OrderedStatefulAppProps:\n- 'adopt' gives the selector {\"app.kubernetes.io/instance\":\"redis\"}, "
      + "which also selects the pods of the app 'redis-master' at 'test/master': the Services, budget and policy of this app would count them as members");
    expect(message).not.toContain("[test/master] 'test/master': invalid");
  });

  test('selectors that tell the apps apart pass, as two apps of the library\'s own selectors do', () => {
    const chart = newChart();
    new OrderedStatefulApp(chart, 'master', adopting('redis-master', { 'app.kubernetes.io/instance': 'redis', 'app.kubernetes.io/component': 'master' }));
    new OrderedStatefulApp(chart, 'replica', adopting('redis-replica', { 'app.kubernetes.io/instance': 'redis', 'app.kubernetes.io/component': 'replica' }));
    new OrderedStatefulApp(chart, 'web', { container: { image: IMAGE, ports: [{ name: 'web', number: 8080 }] } });
    expect(synth(chart).filter(m => m.kind === 'StatefulSet')).toHaveLength(3);
  });
});
