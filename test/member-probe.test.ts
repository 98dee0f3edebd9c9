import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { MemberProbe } from '../src';
import { expectInvalidProps, synthApp, webProps } from './app-fixtures';
import { findContainer } from './util';

describe('MemberProbe', () => {
  test('timing in whole seconds reaches the probe', () => {
    const { podSpec } = synthApp({
      readiness: MemberProbe.http('/ready', {
        initialDelay: Duration.seconds(0),
        period: Duration.minutes(1),
        timeout: Duration.seconds(5),
        failureThreshold: 1,
        scheme: kplus.ConnectionScheme.HTTPS,
      }),
    });
    expect(findContainer(podSpec, 'web').readinessProbe).toEqual({
      httpGet: { path: '/ready', port: 8080, scheme: 'HTTPS' }, initialDelaySeconds: 0, periodSeconds: 60, timeoutSeconds: 5, failureThreshold: 1,
    });
  });

  test('fails when a duration is not whole seconds, before cdk8s-plus fails to serialize it', () => {
    expectInvalidProps(webProps({ readiness: MemberProbe.tcp({ timeout: Duration.millis(500), period: Duration.millis(1500) }) }),
      '\'readiness.period\' must be a whole number of seconds, got 1.5 seconds',
      '\'readiness.timeout\' must be a whole number of seconds, got 0.5 seconds');
  });

  test('fails when timing is out of the ranges the API server keeps', () => {
    expectInvalidProps(webProps({
      liveness: MemberProbe.tcp({ period: Duration.seconds(0), initialDelay: Duration.seconds(2147483648), failureThreshold: 1.5 }),
      startup: MemberProbe.tcp({ failureThreshold: -1 }),
    }),
    '\'liveness.initialDelay\' must be from 0 to 2147483647 seconds, got 2147483648 seconds',
    '\'liveness.period\' must be from 1 to 2147483647 seconds, got 0 seconds',
    '\'liveness.failureThreshold\' must be an integer from 1 to 2147483647, got 1.5',
    '\'startup.failureThreshold\' must be an integer from 1 to 2147483647, got -1');
  });

  test('fails when the command or the path is empty, or the scheme unknown', () => {
    expectInvalidProps(webProps({ readiness: MemberProbe.command([]), liveness: MemberProbe.http('', { scheme: 'FTP' as kplus.ConnectionScheme }) }),
      '\'readiness\' must run a command, got []',
      '\'liveness\' must request a path such as \'/healthz\', got \'\'',
      '\'liveness.scheme\' must be HTTP or HTTPS, got \'FTP\'');
  });
});
