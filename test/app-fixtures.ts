import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { OrderedStatefulApp, OrderedStatefulAppProps } from '../src';
import { findObject, Manifest, newChart, synth } from './util';

export const IMAGE = 'nginxinc/nginx-unprivileged:1.25.5';
export const WEB_PORT = { name: 'web', number: 8080 };

/** Props of a one-port nginx app, with overrides. */
export function webProps(overrides: Partial<OrderedStatefulAppProps> = {}): OrderedStatefulAppProps {
  return { container: { image: IMAGE, ports: [WEB_PORT] }, ...overrides };
}

/** An app `web` in a fresh chart, synthesized, with its StatefulSet and pod spec. */
export function synthApp(overrides: Partial<OrderedStatefulAppProps> = {}, namespace?: string) {
  const chart = newChart(namespace);
  const app = new OrderedStatefulApp(chart, 'web', webProps(overrides));
  const manifests = synth(chart);
  const sts = findObject(manifests, 'StatefulSet', app.name);
  return { chart, app, manifests, sts, podSpec: sts.spec.template.spec as Manifest };
}

/** The message of the error `action` throws, or undefined when it throws none. */
export function errorOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/** Expects the props of an app `web` to be refused with every message, in one error. */
export function expectInvalidProps(props: OrderedStatefulAppProps, ...messages: string[]): void {
  const chart: Chart = newChart();
  const message = errorOf(() => new OrderedStatefulApp(chart, 'web', props));
  expect(message).toMatch(/^'test\/web': invalid OrderedStatefulAppProps:\n- /);
  for (const m of messages) {
    expect(message).toContain(m);
  }
}

/** An empty directory volume `name` of a fresh chart (a chart per call, so volumes never share one). */
export function emptyDir(name: string): kplus.Volume {
  return kplus.Volume.fromEmptyDir(newChart(), name, name);
}

/** Whether every label of `selector` is on `labels` with the same value. */
export function selects(selector: { [key: string]: string }, labels: { [key: string]: string }): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/**
 * Expects the props of an app `web` to be accepted when the app is created and refused
 * when it is synthesized (for what methods called later could still change), with every message.
 */
export function expectInvalidAtSynth(props: OrderedStatefulAppProps, ...messages: string[]): void {
  const chart: Chart = newChart();
  new OrderedStatefulApp(chart, 'web', props);
  const message = errorOf(() => synth(chart));
  expect(message).toMatch(/^Validation failed with the following errors:\n {2}\[test\/web\] 'test\/web': invalid OrderedStatefulAppProps:\n- /);
  for (const m of messages) {
    expect(message).toContain(m);
  }
}
