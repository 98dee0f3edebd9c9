import { App, Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { OrderedStatefulApp } from '../../src';

/**
 * The classic StatefulSet demo: two nginx members `web-0` and `web-1` behind the
 * headless Service `nginx`, each reachable as `web-<n>.nginx`, each with its own
 * 1 GiB volume `www` for the pages it serves, and a client Service `web` over the
 * Ready members. The default PodDisruptionBudget lets one member go at a time, and
 * the members prefer different nodes and zones. A member's volume starts empty, so nginx
 * answers 403 until pages are put there (`kubectl cp`, or a job of your own).
 */
export class WebChart extends Chart {
  public readonly web: OrderedStatefulApp;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.web = new OrderedStatefulApp(this, 'web', {
      name: 'web',
      serviceName: 'nginx',
      replicas: 2,
      container: {
        // Runs as the numeric user 101 and listens on 8080: no root needed.
        image: 'nginxinc/nginx-unprivileged:1.25.5',
        ports: [{ name: 'web', number: 8080 }],
        securityContext: { user: 101, group: 101 },
        resources: {
          cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
        },
        // The root file system is read-only; nginx writes its pid and temp files to /tmp.
        volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp') }],
      },
      // Each member's pages live on its own volume; fsGroup 101 (the container group) can write them.
      storage: {
        claims: [{ name: 'www', size: Size.gibibytes(1), mountPath: '/usr/share/nginx/html' }],
      },
      clientService: { name: 'web' },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new WebChart(app, 'web');
  app.synth();
}
