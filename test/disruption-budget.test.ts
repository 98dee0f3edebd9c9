import { OrderedStatefulApp, DisruptionBudget, UnhealthyPodEvictionPolicy } from '../src';
import { errorOf, expectInvalidProps, selects, synthApp, webProps } from './app-fixtures';
import { findAll, findObject, newChart, schemaErrors, synth } from './util';

function budgetOf(manifests: ReturnType<typeof synth>) {
  return findObject(manifests, 'PodDisruptionBudget', 'web');
}

describe('PodDisruptionBudget', () => {
  test('is on by default: policy/v1, named after the app, at most one member unavailable, members that are not Ready evictable', () => {
    const { app, manifests } = synthApp({ replicas: 3 });
    const pdb = budgetOf(manifests);
    expect(pdb.apiVersion).toEqual('policy/v1');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: app.selectorLabels }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(app.podDisruptionBudget).toBeDefined();
  });

  test('selects exactly the app pods', () => {
    const { manifests, sts } = synthApp({ replicas: 3 });
    const pdb = budgetOf(manifests);
    expect(pdb.spec.selector.matchLabels).toEqual(sts.spec.selector.matchLabels);
    expect(selects(pdb.spec.selector.matchLabels, sts.spec.template.metadata.labels)).toBe(true);
  });

  test('carries the app labels and namespace', () => {
    const { manifests } = synthApp({ labels: { tier: 'db' } }, 'prod');
    expect(budgetOf(manifests).metadata).toEqual({
      name: 'web',
      namespace: 'prod',
      labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web', 'tier': 'db' },
    });
  });

  test('minAvailable and the unhealthy pod eviction policy can be set', () => {
    const { manifests } = synthApp({
      replicas: 3,
      disruptionBudget: DisruptionBudget.minAvailable(2, { unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.ALWAYS_ALLOW }),
    });
    expect(budgetOf(manifests).spec).toMatchObject({ minAvailable: 2, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(budgetOf(manifests).spec.maxUnavailable).toBeUndefined();
  });

  test('can be turned off', () => {
    const { app, manifests } = synthApp({ disruptionBudget: DisruptionBudget.none() });
    expect(findAll(manifests, 'PodDisruptionBudget')).toEqual([]);
    expect(app.podDisruptionBudget).toBeUndefined();
  });

  test('is valid against the Kubernetes 1.27 schema', () => {
    const { manifests } = synthApp({
      replicas: 3,
      disruptionBudget: DisruptionBudget.maxUnavailable(1, { unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET }),
    }, 'prod');
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
  });

  test('fails when the count is negative or not an integer', () => {
    expectInvalidProps(webProps({ disruptionBudget: DisruptionBudget.maxUnavailable(-1) }),
      '\'disruptionBudget.maxUnavailable\' must be an integer from 0 to 2147483647, got -1');
    expectInvalidProps(webProps({ disruptionBudget: DisruptionBudget.minAvailable(1.5) }),
      '\'disruptionBudget.minAvailable\' must be an integer from 0 to 2147483647, got 1.5');
  });

  test('fails when minAvailable exceeds the number of members', () => {
    expectInvalidProps(webProps({ replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(4) }),
      '\'disruptionBudget.minAvailable\' must be at most the number of members (3), got 4');
  });
});

describe('protectQuorum()', () => {
  function quorumApp(replicas: number, budget?: DisruptionBudget) {
    const chart = newChart();
    const app = new OrderedStatefulApp(chart, 'web', webProps({ replicas, disruptionBudget: budget }));
    return { chart, app };
  }

  test('lets at most replicas - quorum members go, after construction', () => {
    const { chart, app } = quorumApp(5);
    app.protectQuorum(3);
    expect(budgetOf(synth(chart)).spec.maxUnavailable).toEqual(2);
  });

  test('a majority quorum of three members leaves one to disrupt', () => {
    const { chart, app } = quorumApp(3);
    app.protectQuorum(2);
    expect(budgetOf(synth(chart)).spec.maxUnavailable).toEqual(1);
  });

  test('replaces a looser minAvailable and keeps the eviction policy', () => {
    const { chart, app } = quorumApp(5, DisruptionBudget.minAvailable(1, { unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.ALWAYS_ALLOW }));
    app.protectQuorum(3);
    expect(budgetOf(synth(chart)).spec).toEqual({
      maxUnavailable: 2,
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
      selector: { matchLabels: app.selectorLabels },
    });
  });

  test('keeps a stricter minAvailable: minAvailable(3) of 3 members with a quorum of 2', () => {
    const { chart, app } = quorumApp(3, DisruptionBudget.minAvailable(3));
    app.protectQuorum(2);
    expect(budgetOf(synth(chart)).spec).toEqual({ minAvailable: 3, selector: { matchLabels: app.selectorLabels }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
  });

  test('keeps a stricter maxUnavailable: maxUnavailable(1) of 5 members with a quorum of 3', () => {
    const { chart, app } = quorumApp(5, DisruptionBudget.maxUnavailable(1));
    app.protectQuorum(3);
    expect(budgetOf(synth(chart)).spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: app.selectorLabels }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
  });

  test('keeps an explicit budget as strict as the quorum\'s in its own form', () => {
    const { chart, app } = quorumApp(5, DisruptionBudget.minAvailable(3));
    app.protectQuorum(3);
    expect(budgetOf(synth(chart)).spec).toEqual({ minAvailable: 3, selector: { matchLabels: app.selectorLabels }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
  });

  test('tightens an explicit maxUnavailable that would break the quorum', () => {
    const { chart, app } = quorumApp(3, DisruptionBudget.maxUnavailable(2));
    app.protectQuorum(2);
    expect(budgetOf(synth(chart)).spec.maxUnavailable).toEqual(1);
  });

  test('replaces the default budget, even where that lets more members go', () => {
    const { chart, app } = quorumApp(5);
    app.protectQuorum(3);
    expect(budgetOf(synth(chart)).spec.maxUnavailable).toEqual(2);
  });

  test('two quorums keep the stricter of the two', () => {
    const { chart, app } = quorumApp(5);
    app.protectQuorum(4);
    app.protectQuorum(3);
    expect(budgetOf(synth(chart)).spec.maxUnavailable).toEqual(1);
  });

  test('a quorum of every member is allowed and blocks every voluntary eviction', () => {
    const { chart, app } = quorumApp(1);
    app.protectQuorum(1);
    expect(budgetOf(synth(chart)).spec.maxUnavailable).toEqual(0);
  });

  test('fails when the quorum is not between 1 and the number of members', () => {
    const { app } = quorumApp(3);
    expect(errorOf(() => app.protectQuorum(4))).toEqual(
      '\'test/web\': invalid protectQuorum():\n- \'quorumSize\' must be an integer from 1 to the number of members (3), got 4');
    expect(errorOf(() => app.protectQuorum(0))).toContain('\'quorumSize\' must be an integer from 1 to the number of members (3), got 0');
  });

  test('fails when there is no budget to size', () => {
    const { app } = quorumApp(3, DisruptionBudget.none());
    expect(errorOf(() => app.protectQuorum(2))).toEqual(
      '\'test/web\': invalid protectQuorum():\n- \'disruptionBudget\' is DisruptionBudget.none(), so there is no budget to size: remove it or do not call protectQuorum()');
  });
});
