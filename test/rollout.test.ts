import { Duration } from 'cdk8s';
import { UpdateStrategy } from '../src';
import { expectInvalidProps, synthApp, webProps } from './app-fixtures';
import { schemaErrors } from './util';

describe('rollout', () => {
  test('defaults: rolling update of every member, minReadySeconds 0, ten old revisions', () => {
    const { sts } = synthApp({ replicas: 3 });
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(sts.spec.minReadySeconds).toEqual(0);
    expect(sts.spec.revisionHistoryLimit).toEqual(10);
  });

  test('every field of a rolling update with a partition reaches the YAML', () => {
    const { sts } = synthApp({
      replicas: 5,
      rollout: { strategy: UpdateStrategy.rollingUpdate({ partition: 3 }), minReady: Duration.seconds(30), revisionHistoryLimit: 3 },
    });
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 3 } });
    expect(sts.spec.minReadySeconds).toEqual(30);
    expect(sts.spec.revisionHistoryLimit).toEqual(3);
  });

  test('minReady is written in seconds', () => {
    const { sts } = synthApp({ rollout: { minReady: Duration.minutes(2) } });
    expect(sts.spec.minReadySeconds).toEqual(120);
  });

  test('OnDelete has no rollingUpdate block', () => {
    const { sts } = synthApp({ rollout: { strategy: UpdateStrategy.onDelete() } });
    expect(sts.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('revisionHistoryLimit may be 0', () => {
    const { sts } = synthApp({ rollout: { revisionHistoryLimit: 0 } });
    expect(sts.spec.revisionHistoryLimit).toEqual(0);
  });

  test('the output is valid against the Kubernetes 1.27 schema', () => {
    const { manifests } = synthApp({ rollout: { strategy: UpdateStrategy.onDelete(), minReady: Duration.seconds(10), revisionHistoryLimit: 2 } });
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
  });

  test('fails when the partition or the history limit is negative', () => {
    expectInvalidProps(webProps({ rollout: { strategy: UpdateStrategy.rollingUpdate({ partition: -1 }), revisionHistoryLimit: -2 } }),
      '\'rollout.strategy.partition\' must be an integer from 0 to 2147483647, got -1',
      '\'rollout.revisionHistoryLimit\' must be an integer from 0 to 2147483647, got -2');
  });

  test('fails when minReady is not a whole number of seconds', () => {
    expectInvalidProps(webProps({ rollout: { minReady: Duration.millis(1500) } }),
      '\'rollout.minReady\' must be a whole number of seconds, got 1.5 seconds');
  });

  test('fails when a count or minReady is beyond int32', () => {
    expectInvalidProps(webProps({ rollout: { strategy: UpdateStrategy.rollingUpdate({ partition: 1e21 }), minReady: Duration.seconds(2147483648) } }),
      '\'rollout.strategy.partition\' must be an integer from 0 to 2147483647, got 1e+21',
      '\'rollout.minReady\' must be from 0 to 2147483647 seconds, got 2147483648 seconds');
  });
});
