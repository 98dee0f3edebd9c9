import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { MemberProbe, OrderedStatefulApp, OrderedStatefulAppProps, PodManagement, PodSecurity } from '../src';
import {
  baselineViolations, findContainer, findObject, indexOf, newChart, restrictedViolations, schemaErrors, synth,
} from './util';

const IMAGE = 'nginxinc/nginx-unprivileged:1.25.5';
const WEB_PORT = { name: 'web', number: 8080 };

function webProps(overrides: Partial<OrderedStatefulAppProps> = {}): OrderedStatefulAppProps {
  return { container: { image: IMAGE, ports: [WEB_PORT] }, ...overrides };
}

function synthWeb(overrides: Partial<OrderedStatefulAppProps> = {}, namespace?: string) {
  const chart = newChart(namespace);
  const app = new OrderedStatefulApp(chart, 'web', webProps(overrides));
  const manifests = synth(chart);
  return {
    app,
    manifests,
    sts: findObject(manifests, 'StatefulSet', app.name),
    svc: findObject(manifests, 'Service', app.serviceName),
  };
}

function expectInvalid(props: OrderedStatefulAppProps, ...messages: string[]): void {
  const chart = newChart();
  let error: Error | undefined;
  try {
    new OrderedStatefulApp(chart, 'web', props);
  } catch (e) {
    error = e as Error;
  }
  expect(error?.message).toMatch(/^'test\/web': invalid OrderedStatefulAppProps:\n- /);
  for (const message of messages) {
    expect(error?.message).toContain(message);
  }
}

describe('defaults', () => {
  test('the StatefulSet is named after the construct id and the headless Service after it', () => {
    const { sts, svc } = synthWeb();
    expect(sts.metadata.name).toEqual('web');
    expect(svc.metadata.name).toEqual('web-headless');
    expect(sts.spec.serviceName).toEqual('web-headless');
  });

  test('one member, ordered start, ordinals from 0', () => {
    const { app, sts } = synthWeb();
    expect(sts.spec.replicas).toEqual(1);
    expect(sts.spec.podManagementPolicy).toEqual('OrderedReady');
    expect(sts.spec.ordinals).toBeUndefined();
    expect(app.ordinals).toEqual([0]);
  });

  test('the cluster domain is cluster.local', () => {
    const { app } = synthWeb({}, 'prod');
    expect(app.clusterDomain).toEqual('cluster.local');
    expect(app.podFqdn(0)).toEqual('web-0.web-headless.prod.svc.cluster.local');
  });

  test('the headless Service publishes members that are not ready yet', () => {
    const { svc } = synthWeb();
    expect(svc.spec.publishNotReadyAddresses).toEqual(true);
  });

  test('the readiness probe is a TCP check on the first port, and there is no liveness or startup probe', () => {
    const { sts } = synthWeb({ container: { image: IMAGE, ports: [WEB_PORT, { name: 'admin', number: 9000 }] } });
    const main = findContainer(sts.spec.template.spec, 'web');
    expect(main.readinessProbe).toEqual({ tcpSocket: { port: 8080 }, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
    expect(main.livenessProbe).toBeUndefined();
    expect(main.startupProbe).toBeUndefined();
  });

  test('the main container is named after the app', () => {
    const { app, sts } = synthWeb();
    expect(sts.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['web']);
    expect(app.mainContainer.name).toEqual('web');
  });

  test('the output is valid against the Kubernetes 1.27 schema', () => {
    const { manifests } = synthWeb({}, 'prod');
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
  });

  test('snapshot of the defaults', () => {
    expect(synthWeb().manifests).toMatchSnapshot();
  });
});

describe('pod settings', () => {
  test('without resources, no requests or limits are written: the namespace\'s LimitRange decides', () => {
    const { sts } = synthWeb();
    expect(findContainer(sts.spec.template.spec, 'web').resources).toBeUndefined();
  });

  test('termination grace period, pre-stop command and priority class', () => {
    const { sts } = synthWeb({ terminationGracePeriod: Duration.minutes(2), preStop: ['nginx', '-s', 'quit'], priorityClassName: 'stateful-critical' });
    const podSpec = sts.spec.template.spec;
    expect(podSpec.terminationGracePeriodSeconds).toEqual(120);
    expect(findContainer(podSpec, 'web').lifecycle).toEqual({ preStop: { exec: { command: ['nginx', '-s', 'quit'] } } });
    expect(podSpec.priorityClassName).toEqual('stateful-critical');
  });

  test('the members run as a ServiceAccount without its token mounted', () => {
    const chart = newChart();
    const account = new kplus.ServiceAccount(chart, 'account', { metadata: { name: 'web-runner' } });
    new OrderedStatefulApp(chart, 'web', webProps({ serviceAccount: account }));
    const podSpec = findObject(synth(chart), 'StatefulSet', 'web').spec.template.spec;
    expect(podSpec.serviceAccountName).toEqual('web-runner');
    expect(podSpec.automountServiceAccountToken).toEqual(false);
  });

  test('tolerations and node selection work through app.statefulSet.scheduling', () => {
    const chart = newChart();
    const app = new OrderedStatefulApp(chart, 'web', webProps());
    app.statefulSet.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.is('dedicated', 'stateful', { effect: kplus.TaintEffect.NO_SCHEDULE })));
    app.statefulSet.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('disk', 'ssd')));
    const podSpec = findObject(synth(chart), 'StatefulSet', 'web').spec.template.spec;
    expect(podSpec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'stateful', effect: 'NoSchedule' }]);
    expect(podSpec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual(
      { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] });
    expect(podSpec.affinity.podAntiAffinity).toBeDefined();
  });

  test('fails when the pre-stop command is empty or given twice, the grace period not whole seconds, the priority class not a name', () => {
    expectInvalid(webProps({
      preStop: [],
      terminationGracePeriod: Duration.millis(1500),
      priorityClassName: 'High_Priority',
      container: { image: IMAGE, ports: [WEB_PORT], lifecycle: { preStop: kplus.Handler.fromCommand(['true']) } },
    }),
    '\'preStop\' must be a command with at least a program, got []',
    '\'preStop\' and \'container.lifecycle.preStop\' are both set: give one of them',
    '\'terminationGracePeriod\' must be a whole number of seconds, got 1.5 seconds',
    '\'priorityClassName\' must be the name of a PriorityClass, a DNS subdomain (lowercase letters, digits, \'-\' and \'.\'), got \'High_Priority\'');
  });
});

describe('headless Service and StatefulSet', () => {
  test('the Service is headless, with the named ports of the main container', () => {
    const { svc } = synthWeb({ container: { image: IMAGE, ports: [WEB_PORT, { name: 'gossip', number: 7946, protocol: kplus.Protocol.UDP }] } });
    expect(svc.spec.clusterIP).toEqual('None');
    expect(svc.spec.ports).toEqual([
      { name: 'web', port: 8080, targetPort: 8080 },
      { name: 'gossip', port: 7946, targetPort: 7946, protocol: 'UDP' },
    ]);
  });

  test('the Service selects exactly the pods the StatefulSet selects, by stable labels', () => {
    const { sts, svc } = synthWeb({ name: 'db' });
    const selector = { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/instance': 'db' };
    expect(sts.spec.selector).toEqual({ matchLabels: selector });
    expect(sts.spec.template.metadata.labels).toMatchObject(selector);
    for (const [key, value] of Object.entries(svc.spec.selector)) {
      expect(sts.spec.template.metadata.labels[key]).toEqual(value);
    }
    expect(svc.spec.selector).toMatchObject(selector);
  });

  test('the headless Service comes before the StatefulSet in the YAML', () => {
    const { manifests } = synthWeb({ serviceName: 'nginx' });
    expect(indexOf(manifests, 'Service', 'nginx')).toBeLessThan(indexOf(manifests, 'StatefulSet', 'web'));
  });

  test('the StatefulSet is governed by the headless Service, with replicas and parallel start', () => {
    const { sts } = synthWeb({ serviceName: 'nginx', replicas: 3, podManagement: PodManagement.PARALLEL });
    expect(sts.spec.serviceName).toEqual('nginx');
    expect(sts.spec.replicas).toEqual(3);
    expect(sts.spec.podManagementPolicy).toEqual('Parallel');
  });

  test('publishNotReadyAddresses can be turned off', () => {
    const { svc } = synthWeb({ publishNotReadyAddresses: false });
    expect(svc.spec.publishNotReadyAddresses).toEqual(false);
  });

  test('startOrdinal becomes spec.ordinals.start', () => {
    const { sts } = synthWeb({ startOrdinal: 5, replicas: 2 });
    expect(sts.spec.ordinals).toEqual({ start: 5 });
  });

  test('objects get the given namespace', () => {
    const { sts, svc } = synthWeb({ namespace: 'prod' });
    expect(sts.metadata.namespace).toEqual('prod');
    expect(svc.metadata.namespace).toEqual('prod');
  });

  test('user labels reach every object and the pod template', () => {
    const { sts, svc } = synthWeb({ labels: { tier: 'edge' } });
    expect(sts.metadata.labels.tier).toEqual('edge');
    expect(svc.metadata.labels.tier).toEqual('edge');
    expect(sts.spec.template.metadata.labels.tier).toEqual('edge');
    expect(sts.spec.selector.matchLabels.tier).toBeUndefined();
  });
});

describe('stable identity', () => {
  function synthAt(place: (chart: Chart) => Construct) {
    const chart = newChart('prod');
    const app = new OrderedStatefulApp(place(chart), 'web', webProps({ serviceName: 'nginx', replicas: 2 }));
    const manifests = synth(chart);
    return { app, manifests };
  }

  test('moving the construct in the tree changes neither the objects, nor the selector, nor any DNS name', () => {
    const top = synthAt(chart => chart);
    const nested = synthAt(chart => new Construct(new Construct(chart, 'platform'), 'databases'));
    expect(nested.app.node.path).not.toEqual(top.app.node.path);
    expect(findObject(nested.manifests, 'StatefulSet', 'web').spec.selector)
      .toEqual(findObject(top.manifests, 'StatefulSet', 'web').spec.selector);
    expect(nested.manifests).toEqual(top.manifests);
    expect(nested.app.peerFqdns()).toEqual(top.app.peerFqdns());
  });

  test('no label or selector carries a construct path hash', () => {
    const { sts, svc } = synthWeb();
    expect(sts.spec.template.metadata.labels['cdk8s.io/metadata.addr']).toEqual('web');
    expect(svc.spec.selector['cdk8s.io/metadata.addr']).toEqual('web');
  });

  test('the same input gives byte-identical YAML', () => {
    const yaml = () => {
      const app = Testing.app();
      const chart = new Chart(app, 'test');
      new OrderedStatefulApp(chart, 'web', webProps({ replicas: 3 }));
      return app.synthYaml();
    };
    expect(yaml()).toEqual(yaml());
  });
});

describe('DNS helpers', () => {
  test('pod names and fully qualified names follow the namespace and cluster domain', () => {
    const { app } = synthWeb({ serviceName: 'nginx', namespace: 'prod', clusterDomain: 'k8s.example', replicas: 2 });
    expect(app.podName(0)).toEqual('web-0');
    expect(app.podFqdn(1)).toEqual('web-1.nginx.prod.svc.k8s.example');
    expect(app.peerFqdns()).toEqual(['web-0.nginx.prod.svc.k8s.example', 'web-1.nginx.prod.svc.k8s.example']);
  });

  test('the namespace defaults to the chart namespace', () => {
    const { app } = synthWeb({ serviceName: 'nginx' }, 'staging');
    expect(app.namespace).toEqual('staging');
    expect(app.podFqdn(0)).toEqual('web-0.nginx.staging.svc.cluster.local');
  });

  test('without a namespace, helpers return names that resolve from inside the namespace', () => {
    const { app } = synthWeb({ serviceName: 'nginx', replicas: 2 });
    expect(app.namespace).toBeUndefined();
    expect(app.peerFqdns()).toEqual(['web-0.nginx', 'web-1.nginx']);
  });

  test('peer addresses and SRV names use the named port and its protocol', () => {
    const { app } = synthWeb({
      serviceName: 'nginx',
      namespace: 'prod',
      replicas: 2,
      container: { image: IMAGE, ports: [WEB_PORT, { name: 'gossip', number: 7946, protocol: kplus.Protocol.UDP }] },
    });
    expect(app.peerAddresses('web')).toEqual(['web-0.nginx.prod.svc.cluster.local:8080', 'web-1.nginx.prod.svc.cluster.local:8080']);
    expect(app.srvName('web')).toEqual('_web._tcp.nginx.prod.svc.cluster.local');
    expect(app.srvName('gossip')).toEqual('_gossip._udp.nginx.prod.svc.cluster.local');
  });

  test('helpers follow startOrdinal', () => {
    const { app } = synthWeb({ serviceName: 'nginx', startOrdinal: 3, replicas: 2 });
    expect(app.ordinals).toEqual([3, 4]);
    expect(app.peerFqdns()).toEqual(['web-3.nginx', 'web-4.nginx']);
  });

  test('fails when asked for an ordinal that is not a member', () => {
    const { app } = synthWeb({ startOrdinal: 3, replicas: 2 });
    expect(() => app.podName(5)).toThrow("'test/web': ordinal 5 is not a member: members have ordinals 3 to 4");
    expect(() => app.podFqdn(2)).toThrow('ordinal 2 is not a member');
  });

  test('fails when asked for a port that is not declared', () => {
    const { app } = synthWeb();
    expect(() => app.peerAddresses('client')).toThrow("'test/web': no port named 'client' on the main container or a sidecar; declared ports: 'web'");
    expect(() => app.srvName('client')).toThrow("no port named 'client'");
  });
});

describe('probes', () => {
  test('readiness, liveness and startup probes can be set by port name', () => {
    const { sts } = synthWeb({
      container: { image: IMAGE, ports: [WEB_PORT, { name: 'admin', number: 9000 }] },
      readiness: MemberProbe.http('/ready', { port: 'admin' }),
      liveness: MemberProbe.tcp({ port: 'web', failureThreshold: 6 }),
      startup: MemberProbe.command(['/bin/check']),
    });
    const main = findContainer(sts.spec.template.spec, 'web');
    expect(main.readinessProbe.httpGet).toEqual({ path: '/ready', port: 9000, scheme: 'HTTP' });
    expect(main.livenessProbe).toMatchObject({ tcpSocket: { port: 8080 }, failureThreshold: 6 });
    expect(main.startupProbe.exec).toEqual({ command: ['/bin/check'] });
  });

  test('the readiness probe can be turned off', () => {
    const { sts } = synthWeb({ readiness: MemberProbe.none() });
    expect(findContainer(sts.spec.template.spec, 'web').readinessProbe).toBeUndefined();
  });

  test('a cdk8s-plus probe on the container is used as it is', () => {
    const { sts } = synthWeb({
      container: { image: IMAGE, ports: [WEB_PORT], readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }) },
    });
    expect(findContainer(sts.spec.template.spec, 'web').readinessProbe.httpGet.path).toEqual('/healthz');
  });

  test('fails when a probe names an undeclared port', () => {
    expectInvalid(webProps({ readiness: MemberProbe.tcp({ port: 'admin' }) }),
      "'readiness' must probe a port the main container declares ('web'), got 'admin'");
  });

  test('fails when a probe is given twice', () => {
    expectInvalid(webProps({
      container: { image: IMAGE, ports: [WEB_PORT], liveness: kplus.Probe.fromTcpSocket({ port: 8080 }) },
      liveness: MemberProbe.tcp(),
    }), "'liveness' and 'container.liveness' are both set: give one of them");
  });
});

describe('pod security', () => {
  test('pods pass the restricted Pod Security Standard by default', () => {
    const { sts } = synthWeb({ initContainers: [{ image: 'busybox:1.36.1', name: 'init', command: ['true'] }] });
    const spec = sts.spec.template.spec;
    expect(restrictedViolations(spec)).toEqual([]);
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    for (const container of [findContainer(spec, 'web'), findContainer(spec, 'init', 'initContainers')]) {
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] },
      });
    }
  });

  test('NET_BIND_SERVICE may be added back, in the form the standard checks', () => {
    const { sts } = synthWeb({
      container: { image: IMAGE, ports: [WEB_PORT], securityContext: { capabilities: { add: [kplus.Capability.NET_BIND_SERVICE] } } },
    });
    const main = findContainer(sts.spec.template.spec, 'web');
    expect(main.securityContext.capabilities).toEqual({ add: ['NET_BIND_SERVICE'], drop: ['ALL'] });
    expect(restrictedViolations(sts.spec.template.spec)).toEqual([]);
  });

  test('baseline lets an image run as root and keeps the default capabilities', () => {
    const { sts } = synthWeb({
      podSecurity: PodSecurity.BASELINE,
      container: { image: IMAGE, ports: [WEB_PORT], securityContext: { user: 0, capabilities: { add: [kplus.Capability.CHOWN] } } },
    });
    const spec = sts.spec.template.spec;
    const main = findContainer(spec, 'web');
    expect(spec.securityContext.runAsNonRoot).toEqual(false);
    expect(main.securityContext).toMatchObject({ runAsNonRoot: false, runAsUser: 0, capabilities: { add: ['CHOWN'] } });
    expect(baselineViolations(spec)).toEqual([]);
    expect(restrictedViolations(spec)).toContain('web: runAsNonRoot is not true');
  });

  test('fails when a container asks for root under the restricted standard', () => {
    expectInvalid(webProps({
      container: { image: IMAGE, ports: [WEB_PORT], securityContext: { user: 0, ensureNonRoot: false, allowPrivilegeEscalation: true } },
    }),
    "'container.securityContext.user' must not be 0 (root) under the restricted Pod Security Standard, got 0: set 'podSecurity: PodSecurity.BASELINE' for an image that must run as root",
    "'container.securityContext.ensureNonRoot' must not be false under the restricted Pod Security Standard",
    "'container.securityContext.allowPrivilegeEscalation' must not be true under the restricted Pod Security Standard");
  });

  test('fails when a container adds a capability the standard does not allow', () => {
    expectInvalid(webProps({
      initContainers: [{ image: IMAGE, securityContext: { capabilities: { add: [kplus.Capability.SYS_ADMIN] } } }],
    }), "'initContainers[0].securityContext.capabilities.add[0]' must only add NET_BIND_SERVICE under the restricted Pod Security Standard, got 'CAP_SYS_ADMIN'");
  });

  test('fails when a container is privileged, whatever the standard', () => {
    expectInvalid(webProps({
      podSecurity: PodSecurity.BASELINE,
      container: { image: IMAGE, ports: [WEB_PORT], securityContext: { privileged: true } },
    }), "'container.securityContext.privileged' must not be true");
  });
});

describe('images', () => {
  test.each([
    ['nginx:1.25.5'],
    ['registry.example:5000/team/nginx:1.25.5'],
    ['nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31'],
  ])('accepts the pinned image %s', image => {
    const { sts } = synthWeb({ container: { image, ports: [WEB_PORT] } });
    expect(findContainer(sts.spec.template.spec, 'web').image).toEqual(image);
  });

  test('fails when the image has no tag', () => {
    expectInvalid(webProps({ container: { image: 'registry.example:5000/nginx', ports: [WEB_PORT] } }),
      "'container.image' must be pinned to a tag other than 'latest' or to a digest, got 'registry.example:5000/nginx', which has no tag");
  });

  test('fails when an init container image is tagged latest', () => {
    expectInvalid(webProps({ initContainers: [{ image: 'busybox:latest' }] }),
      "'initContainers[0].image' must be pinned to a tag other than 'latest' or to a digest, got 'busybox:latest', which uses the moving tag 'latest': pin a version, or set 'allowUnpinnedImages: true'");
  });

  test('unpinned images are accepted when allowed explicitly', () => {
    const { sts } = synthWeb({ allowUnpinnedImages: true, container: { image: 'nginx', ports: [WEB_PORT] } });
    expect(findContainer(sts.spec.template.spec, 'web').image).toEqual('nginx');
  });
});

describe('validation', () => {
  test('fails when the name is not a DNS-1123 label', () => {
    expectInvalid(webProps({ name: 'Web_1' }),
      "'name' must be a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends) of at most 52 characters, so that the controller-revision-hash label fits 63, got 'Web_1'");
  });

  test('fails when the name is longer than 52 characters', () => {
    expectInvalid(webProps({ name: 'a'.repeat(53) }), `got '${'a'.repeat(53)}'`);
  });

  test('fails when the construct id is not a valid name and no name is given', () => {
    const chart = newChart();
    expect(() => new OrderedStatefulApp(chart, 'WebServer', webProps()))
      .toThrow("got 'WebServer' (the construct id): set 'name'");
  });

  test('accepts a name of exactly 52 characters', () => {
    const { sts } = synthWeb({ name: 'a'.repeat(52) });
    expect(sts.metadata.name).toHaveLength(52);
  });

  test('the longest name and the largest ordinal make a pod name of 63 characters', () => {
    const { app } = synthWeb({ name: 'a'.repeat(52), startOrdinal: 2147483646, replicas: 2 });
    expect(app.podName(2147483647)).toHaveLength(63);
  });

  test('fails when the last ordinal is beyond int32', () => {
    expectInvalid(webProps({ startOrdinal: 2147483647, replicas: 2 }),
      "'startOrdinal' makes the last ordinal 2147483648, but the StatefulSet controller reads ordinals up to 2147483647, got 2147483647: lower 'startOrdinal' or 'replicas'");
  });

  test('fails when the service name is not a DNS-1035 label', () => {
    expectInvalid(webProps({ serviceName: '1nginx' }),
      "'serviceName' must be a DNS-1035 label (a lowercase letter first, then lowercase letters, digits and '-', at most 63 characters), got '1nginx'");
  });

  test('fails when the namespace or the cluster domain is invalid', () => {
    expectInvalid(webProps({ namespace: 'Prod', clusterDomain: 'cluster..local' }),
      "'namespace' must be a DNS-1123 label of at most 63 characters, got 'Prod'",
      "'clusterDomain' must be a DNS subdomain such as 'cluster.local', got 'cluster..local'");
  });

  test.each([[-1], [1.5], [2147483648], [NaN]])('fails when replicas is %s', replicas => {
    expectInvalid(webProps({ replicas }), `'replicas' must be an integer from 0 to 2147483647, got ${replicas}`);
  });

  test('fails when startOrdinal is negative', () => {
    expectInvalid(webProps({ startOrdinal: -2 }), "'startOrdinal' must be an integer from 0 to 2147483647, got -2");
  });

  test('fails when port names break the IANA_SVC_NAME rules', () => {
    expectInvalid(webProps({
      container: {
        image: IMAGE,
        ports: [
          { name: 'averyveryverylongname', number: 1 },
          { name: 'Web', number: 2 },
          { name: '8080', number: 3 },
          { name: 'a--b', number: 4 },
        ],
      },
    }),
    "'container.ports[0].name' is 21 characters, at most 15 are allowed (IANA_SVC_NAME: at most 15 lowercase letters, digits and single hyphens, at least one letter), got 'averyveryverylongname'",
    "'container.ports[1].name' may contain only lowercase letters, digits and '-'",
    "'container.ports[2].name' must contain at least one letter",
    "'container.ports[3].name' must not contain '--'");
  });

  test('fails when ports are unnamed, repeated or out of range', () => {
    expectInvalid(webProps({
      container: {
        image: IMAGE,
        ports: [{ number: 80 }, WEB_PORT, { name: 'web', number: 8080 }, { name: 'big', number: 70000 }],
      },
    }),
    "'container.ports[0].name' must be set: every port needs a name for the headless Service and its SRV records (port 80)",
    "'container.ports[2].name' must be unique, got 'web' twice",
    "'container.ports[2].number' must be unique per protocol, got 8080 twice",
    "'container.ports[3].number' must be an integer from 1 to 65535, got 70000");
  });

  test('fails when there is no port, or an unnamed portNumber', () => {
    expectInvalid({ container: { image: IMAGE, portNumber: 8080 } },
      "'container.portNumber' cannot be used: every port needs a name, got 8080; declare 'ports: [{ name, number }]'",
      "'container.ports' must declare at least one named port");
  });

  test('fails when a label is invalid or replaces a selector label', () => {
    expectInvalid(webProps({ labels: { 'bad key!': 'x', 'tier': '-edge', 'app.kubernetes.io/name': 'other' } }),
      "'labels' keys must be an optional DNS subdomain prefix and '/', then a name of at most 63 alphanumerics, '-', '_' or '.', got 'bad key!'",
      "'labels.tier' must be at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends, got '-edge'",
      "'labels.app.kubernetes.io/name' cannot be set: the library owns the selector label 'app.kubernetes.io/name', got 'other'");
  });

  test('reports every problem at once', () => {
    const chart = newChart();
    expect(() => new OrderedStatefulApp(chart, 'web', webProps({ replicas: -1, serviceName: 'Bad', name: 'x_y' })))
      .toThrow(/invalid OrderedStatefulAppProps:\n- 'name' .*\n- 'serviceName' .*\n- 'replicas' /);
  });

  test('fails before anything is written', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'topology-'));
    const app = new App({ outdir });
    const chart = new Chart(app, 'test');
    expect(() => {
      new OrderedStatefulApp(chart, 'web', webProps({ replicas: -1 }));
      app.synth();
    }).toThrow("'replicas' must be an integer from 0 to 2147483647, got -1");
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});
