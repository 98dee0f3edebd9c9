import { JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { PodSecurity } from '../../src';
import { StatefulSetWriter } from '../../src/private/statefulset-writer';
import { findObject, Manifest, newChart, synth } from '../util';

/** A bare cdk8s-plus StatefulSet `db` with one container, and its writer. */
function statefulSet(level = PodSecurity.RESTRICTED) {
  const chart = newChart();
  const service = new kplus.Service(chart, 'svc', { clusterIP: 'None', ports: [{ port: 80 }] });
  const sts = new kplus.StatefulSet(chart, 'db', { metadata: { name: 'db' }, service, containers: [] });
  const writer = new StatefulSetWriter(sts, level);
  writer.addContainer({ name: 'main', image: 'nginx:1.25.5', securityContext: { user: 1000 } });
  return { chart, sts, writer, spec: () => findObject(synth(chart), 'StatefulSet', 'db').spec as Manifest };
}

const init = (name: string): kplus.ContainerProps => ({ name, image: 'busybox:1.36.1', securityContext: { user: 1000 } });

describe('the cdk8s behaviour the writer works around', () => {
  test('the typed StatefulSet class drops apiVersion and kind of a claim template written by a JSON patch', () => {
    const { writer, spec } = statefulSet();
    writer.patch(JsonPatch.add('/spec/volumeClaimTemplates', [{
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] },
    }]));
    expect(spec().volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }]);
  });

  test('the typed StatefulSet class drops a quantity written as a plain string by a JSON patch', () => {
    const { writer, spec } = statefulSet();
    writer.patch(JsonPatch.add('/spec/volumeClaimTemplates', [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }]));
    expect(spec().volumeClaimTemplates[0].spec.resources).toEqual({ requests: {} });
  });

  test('a JSON patch cannot append a mount to a container that has none', () => {
    const { chart, writer } = statefulSet();
    writer.patch(JsonPatch.add('/spec/template/spec/containers/0/volumeMounts/-', { name: 'data', mountPath: '/data' }));
    expect(() => Testing.synth(chart)).toThrow(/Failed serializing construct/);
  });
});

describe('StatefulSetWriter', () => {
  test('every container is hardened: capabilities dropped in bare form, seccomp on the pod', () => {
    const { spec } = statefulSet();
    const podSpec = spec().template.spec;
    expect(podSpec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 1000,
    });
    expect(podSpec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  test('init containers added first run first, in call order, whenever the others were added', () => {
    const { writer, spec } = statefulSet();
    writer.addInitContainer(init('a'), { level: PodSecurity.RESTRICTED });
    writer.addInitContainer(init('first-1'), { level: PodSecurity.RESTRICTED, first: true });
    writer.addInitContainer(init('b'), { level: PodSecurity.RESTRICTED });
    writer.addInitContainer(init('first-2'), { level: PodSecurity.RESTRICTED, first: true });
    expect(spec().template.spec.initContainers.map((c: Manifest) => c.name)).toEqual(['first-1', 'first-2', 'a', 'b']);
  });

  test('fields and capabilities land on their own container after the moves', () => {
    const { writer, spec } = statefulSet(PodSecurity.BASELINE);
    writer.addInitContainer({ ...init('a'), securityContext: { capabilities: { add: [kplus.Capability.CHOWN] } } }, { level: PodSecurity.BASELINE });
    writer.addInitContainer(init('first'), { level: PodSecurity.RESTRICTED, first: true, fields: { terminationMessagePolicy: 'FallbackToLogsOnError' } });
    writer.addInitContainer(init('b'), { level: PodSecurity.RESTRICTED, fields: { workingDir: '/tmp' } });
    const byName = Object.fromEntries(spec().template.spec.initContainers.map((c: Manifest) => [c.name, c]));
    expect(byName.a.securityContext.capabilities).toEqual({ add: ['CHOWN'] });
    expect(byName.first.terminationMessagePolicy).toEqual('FallbackToLogsOnError');
    expect(byName.first.securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(byName.b.workingDir).toEqual('/tmp');
    expect(byName.b.securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('edits after serialization see the final JSON, and keys stay sorted', () => {
    const { writer, spec } = statefulSet();
    writer.afterSerialization(json => {
      json.spec.template.spec.containers[0].zz = 1;
      json.spec.template.spec.containers[0].aa = 2;
    });
    expect(Object.keys(spec().template.spec.containers[0]).slice(0, 2)).toEqual(['aa', 'image']);
  });
});
