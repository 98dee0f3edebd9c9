import { ApiObject, App, Chart, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { APP_REPLICAS, CONFIG_MOUNT_PATH, IMAGE, myid, PORTS, SHARED_CONFIG } from './scenarios';

/**
 * The objects OrderedStatefulApp writes for one app, written by hand with cdk8s-plus-27:
 * what a user would have to code without the library. Returns the StatefulSet.
 */
function handBuiltApp(chart: Chart, name: string, replicas: number): kplus.StatefulSet {
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  const metadata = { namespace: chart.namespace, labels };
  const serviceName = `${name}-headless`;
  const service = new kplus.Service(chart, `${name}-svc`, {
    metadata: { ...metadata, name: serviceName },
    clusterIP: 'None',
    ports: PORTS.map(p => ({ name: p.name, port: p.number, targetPort: p.number })),
  });
  const sts = new kplus.StatefulSet(chart, `${name}-sts`, {
    metadata: { ...metadata, name },
    podMetadata: { labels },
    select: false,
    service,
    replicas,
    securityContext: { ensureNonRoot: true },
    containers: [],
  });
  sts.select(kplus.LabelSelector.of({ labels }));
  sts.podMetadata.addLabel(kplus.Pod.ADDRESS_LABEL, name);
  for (const [key, value] of [...Object.entries(labels), [kplus.Pod.ADDRESS_LABEL, name]]) {
    service.selectLabel(key, value);
  }
  ApiObject.of(service).addJsonPatch(JsonPatch.add('/spec/publishNotReadyAddresses', true), JsonPatch.remove('/spec/externalIPs'));
  const main = sts.addContainer({
    name,
    image: IMAGE,
    ports: PORTS,
    readiness: kplus.Probe.fromTcpSocket({ port: PORTS[0].number, periodSeconds: Duration.seconds(10), timeoutSeconds: Duration.seconds(1) }),
    securityContext: { ensureNonRoot: true, privileged: false, allowPrivilegeEscalation: false },
    resources: {},
  });
  main.env.addVariable('POD_NAME', kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME));
  main.env.addVariable('POD_NAMESPACE', kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE));
  main.env.addVariable('POD_IP', kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP));
  main.env.addVariable('HEADLESS_SERVICE', kplus.EnvValue.fromValue(serviceName));
  main.env.addVariable('HEADLESS_SERVICE_DOMAIN', kplus.EnvValue.fromValue('$(HEADLESS_SERVICE).$(POD_NAMESPACE).svc.cluster.local'));
  main.env.addVariable('POD_FQDN', kplus.EnvValue.fromValue('$(POD_NAME).$(HEADLESS_SERVICE_DOMAIN)'));
  // cdk8s sorts keys, but not inside JSON patches: write them sorted.
  const selector = { matchLabels: { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': name } };
  const l1 = ApiObject.of(sts);
  l1.addJsonPatch(
    JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
    JsonPatch.add('/spec/revisionHistoryLimit', 10),
    JsonPatch.add('/spec/template/spec/affinity', {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map(topologyKey => ({
          podAffinityTerm: { labelSelector: selector, topologyKey },
          weight: 100,
        })),
      },
    }),
  );
  const pdb = new ApiObject(chart, `${name}-pdb`, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { ...metadata, name },
    spec: { maxUnavailable: 1, selector, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  });
  pdb.addDependency(sts);
  return sts;
}

/** `count` apps hand-built with cdk8s-plus-27, synthesized to YAML. */
export function handBuiltApps(count: number): string {
  const app = new App();
  const chart = new Chart(app, 'bench', { namespace: 'bench' });
  for (let i = 0; i < count; i++) {
    handBuiltApp(chart, `app-${i}`, APP_REPLICAS);
  }
  return app.synthYaml();
}

/**
 * One app with `replicas` members and a `myid` file each, hand-built with cdk8s-plus-27:
 * a ConfigMap with every file, and an init container that copies the pod's own files.
 */
export function handBuiltReplicas(replicas: number): string {
  const app = new App();
  const chart = new Chart(app, 'bench', { namespace: 'bench' });
  const sts = handBuiltApp(chart, 'zk', replicas);
  const data: { [key: string]: string } = { 'shared.zoo.cfg': SHARED_CONFIG };
  for (let ordinal = 0; ordinal < replicas; ordinal++) {
    data[`zk-${ordinal}.myid`] = myid(ordinal);
  }
  const configMap = new kplus.ConfigMap(chart, 'zk-config', { metadata: { name: 'zk-config', namespace: 'bench' }, data });
  const source = kplus.Volume.fromConfigMap(chart, 'source', configMap, { name: 'member-config-source', defaultMode: 0o444 });
  const target = kplus.Volume.fromEmptyDir(chart, 'target', 'member-config');
  const known = Array.from({ length: replicas }, (_, ordinal) => `  zk-${ordinal}) known=yes ;;`).join('\n');
  const script = [
    'set -eu',
    'known=no',
    'case "$POD_NAME" in',
    known,
    'esac',
    '[ "$known" = yes ] || { echo "$POD_NAME is not in the YAML" >&2; exit 1; }',
    'for f in /config-source/shared.* "/config-source/$POD_NAME".*; do cp -L "$f" "/config/${f#*.}"; done',
  ].join('\n');
  const init = sts.addInitContainer({
    name: 'member-config',
    image: 'busybox:1.36.1',
    command: ['sh', '-c', script],
    securityContext: { user: 65534, group: 65534, ensureNonRoot: true, allowPrivilegeEscalation: false },
    volumeMounts: [{ path: '/config-source', volume: source, readOnly: true }, { path: '/config', volume: target }],
  });
  init.env.addVariable('POD_NAME', kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME));
  sts.containers[0].mount(CONFIG_MOUNT_PATH, target, { readOnly: true });
  return app.synthYaml();
}
