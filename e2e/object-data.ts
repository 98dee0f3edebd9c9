import * as crypto from 'crypto';
import { Bundle, ConfigMap, namespaceOf, Secret, StatefulSet } from './manifest';

/**
 * The data of the ConfigMaps and Secrets the pods read. A Secret the YAML references but
 * does not contain is one its user creates before applying (as `kubectl create secret`
 * would); the test creates it with a random value for every key the pods read.
 */
export class ObjectData {
  public static forBundle(bundle: Bundle): ObjectData {
    const generated = new Map<string, Map<string, Buffer>>();
    for (const sts of bundle.ofKind<StatefulSet>('StatefulSet')) {
      const namespace = namespaceOf(sts);
      const spec = sts.spec.template.spec;
      const refs = [...spec.initContainers ?? [], ...spec.containers]
        .flatMap(c => c.env ?? [])
        .flatMap(e => e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : []);
      for (const volume of spec.volumes ?? []) {
        const secretName = volume.secret?.secretName;
        if (secretName !== undefined) {
          const keys = volume.secret?.items?.map(item => item.key);
          if (!keys && !bundle.find('Secret', namespace, secretName)) {
            throw new Error(`volume '${volume.name}' shows every key of the Secret '${secretName}', which is not in the YAML: its keys are unknown`);
          }
          refs.push(...(keys ?? []).map(key => ({ name: secretName, key })));
        }
      }
      for (const ref of refs) {
        if (bundle.find('Secret', namespace, ref.name)) {
          continue;
        }
        const id = `${namespace}/${ref.name}`;
        const data = generated.get(id) ?? new Map<string, Buffer>();
        data.set(ref.key, Buffer.from(crypto.randomBytes(18).toString('base64url')));
        generated.set(id, data);
      }
    }
    return new ObjectData(bundle, generated);
  }

  private constructor(private readonly bundle: Bundle, private readonly generated: ReadonlyMap<string, ReadonlyMap<string, Buffer>>) {}

  /** The Secrets the test created, as `<namespace>/<name>` with their keys. */
  public get generatedSecrets(): string[] {
    return [...this.generated.entries()].map(([id, data]) => `${id} (${[...data.keys()].join(', ')})`);
  }

  public configMap(namespace: string, name: string): ReadonlyMap<string, Buffer> | undefined {
    const found = this.bundle.find<ConfigMap>('ConfigMap', namespace, name);
    if (!found) {
      return undefined;
    }
    return new Map([
      ...Object.entries(found.data ?? {}).map(([key, value]) => [key, Buffer.from(value)] as const),
      ...Object.entries(found.binaryData ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')] as const),
    ]);
  }

  public secret(namespace: string, name: string): ReadonlyMap<string, Buffer> | undefined {
    const found = this.bundle.find<Secret>('Secret', namespace, name);
    if (!found) {
      return this.generated.get(`${namespace}/${name}`);
    }
    return new Map([
      ...Object.entries(found.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')] as const),
      ...Object.entries(found.stringData ?? {}).map(([key, value]) => [key, Buffer.from(value)] as const),
    ]);
  }
}
