import { allContainers, asArray } from './workloads';

/**
 * A pod's reference to a ConfigMap or Secret.
 */
export interface Reference {
  readonly kind: 'ConfigMap' | 'Secret';
  readonly name: string;
  /** Where in the pod spec, for messages. */
  readonly where: string;
  readonly optional: boolean;
}

/**
 * Every ConfigMap and Secret a pod spec needs: volumes, projected volumes, env and envFrom.
 */
export function podReferences(podSpec: any): Reference[] {
  const refs: Reference[] = [];
  const add = (kind: 'ConfigMap' | 'Secret', source: any, nameField: string, where: string) => {
    const name = source?.[nameField];
    if (typeof name === 'string' && name !== '') {
      refs.push({ kind, name, where, optional: source.optional === true });
    }
  };
  for (const volume of asArray(podSpec?.volumes)) {
    const where = `volume '${volume?.name}'`;
    add('ConfigMap', volume?.configMap, 'name', where);
    add('Secret', volume?.secret, 'secretName', where);
    for (const source of asArray(volume?.projected?.sources)) {
      add('ConfigMap', source?.configMap, 'name', `projected ${where}`);
      add('Secret', source?.secret, 'name', `projected ${where}`);
    }
  }
  for (const container of allContainers(podSpec)) {
    for (const env of asArray(container?.env)) {
      const where = `container '${container.name}' env ${env?.name}`;
      add('ConfigMap', env?.valueFrom?.configMapKeyRef, 'name', where);
      add('Secret', env?.valueFrom?.secretKeyRef, 'name', where);
    }
    for (const from of asArray(container?.envFrom)) {
      const where = `container '${container.name}' envFrom`;
      add('ConfigMap', from?.configMapRef, 'name', where);
      add('Secret', from?.secretRef, 'name', where);
    }
  }
  return refs;
}
