import { StatefulSet } from './manifest';

/** The init container that copies each member's files (docs/per-ordinal-config.md). */
export const MEMBER_CONFIG_CONTAINER = 'member-config';

/** The ConfigMap the `member-config` init container reads, if the pod template has one. */
export function memberConfigMap(sts: StatefulSet): string | undefined {
  const spec = sts.spec.template.spec;
  const init = (spec.initContainers ?? []).find(c => c.name === MEMBER_CONFIG_CONTAINER);
  const mounted = new Set((init?.volumeMounts ?? []).map(m => m.name));
  return (spec.volumes ?? []).find(v => mounted.has(v.name) && v.configMap)?.configMap?.name;
}

/**
 * The files a member past `replicas` would lack, by the documented ConfigMap keys
 * (`shared.<file>`, `<name>-<ordinal>.<file>`, `default.<file>`): every member's file that
 * neither a default nor a shared file provides. Such a member refuses to start and names
 * them; without any, it starts with the shared files and the defaults.
 */
export function missingMemberFiles(stsName: string, keys: readonly string[]): string[] {
  const scoped = keys.map(key => ({ scope: key.slice(0, key.indexOf('.')), file: key.slice(key.indexOf('.') + 1) }));
  const provided = new Set(scoped.filter(k => k.scope === 'default' || k.scope === 'shared').map(k => k.file));
  const member = new RegExp(`^${stsName.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}-[0-9]+$`);
  const missing = scoped.filter(k => member.test(k.scope) && !provided.has(k.file)).map(k => k.file);
  return [...new Set(missing)].sort();
}
