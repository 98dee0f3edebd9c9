/**
 * The per-member config convention: how the library lays out each member's config
 * files, so that the constructs that write them and the linter that explains them agree.
 *
 * One ConfigMap `<app>-config` holds every file once, under a key that says which
 * members see it:
 *
 * - `shared.<file>`: every member
 * - `<pod>.<file>`: only that member (pod names are DNS labels, without dots)
 * - `default.<file>`: every member without a file of its own of that name
 * - `template.<file>`: every member, its content computed when the member starts from
 *   its own identity (ordinal, pod name, DNS name, namespace, IP)
 *
 * The key `members` holds the first and the last ordinal of the synthesized members; a pod
 * outside that range (added by `kubectl scale`) gets the shared files, the defaults and the
 * templates, and refuses to start when a member's file has no default. The range is not
 * part of the checksum, so scaling alone does not roll the members.
 *
 * The init container `member-config` mounts the ConfigMap at `/config-source` and copies
 * its pod's files into the emptyDir `member-config` (at `/config`), which the main
 * container mounts read-only as a directory, and file by file (`subPath`) at the paths
 * given with `mountFile`. The pod template carries a checksum of the files, so a change of
 * any file rolls the members.
 */

import { dataKeyProblem } from './names';

/** The scope of files every member sees. */
export const SHARED_SCOPE = 'shared';

/** The scope of files a member sees when it has no file of its own of that name. */
export const DEFAULT_SCOPE = 'default';

/** The scope of files whose content each member computes from its identity when it starts. */
export const TEMPLATE_SCOPE = 'template';

/** The key that holds the first and the last ordinal of the synthesized members. */
export const MEMBERS_KEY = 'members';

/** The init container that copies each pod's files. */
export const CONFIG_INIT_CONTAINER = 'member-config';

/** The emptyDir that holds a pod's own files; the main container mounts it read-only. */
export const CONFIG_VOLUME = 'member-config';

/** The ConfigMap volume the init container reads. */
export const CONFIG_SOURCE_VOLUME = 'member-config-source';

/** Where the init container sees the ConfigMap. */
export const CONFIG_SOURCE_PATH = '/config-source';

/** Where the init container writes the pod's files. */
export const CONFIG_TARGET_PATH = '/config';

/** The pod template annotation that changes whenever any config file changes. */
export const CONFIG_CHECKSUM_ANNOTATION = 'stateful-topology.cdk8s.io/config-checksum';

/** The API server refuses ConfigMaps whose keys and values add up to more than 1 MiB. */
export const MAX_CONFIG_MAP_BYTES = 1024 * 1024;

/** The longest ConfigMap key. */
export const MAX_CONFIG_KEY_LENGTH = 253;

/** The name of an app's ConfigMap. */
export function configMapName(appName: string): string {
  return `${appName}-config`;
}

/** The ConfigMap key of a file in a scope (`shared`, `default` or a pod name). */
export function configKey(scope: string, file: string): string {
  return `${scope}.${file}`;
}

/** The scope and file name of a ConfigMap key: the scope never has a dot, the file name is the rest. */
export function parseConfigKey(key: string): { readonly scope: string; readonly file: string } | undefined {
  const dot = key.indexOf('.');
  return dot <= 0 || dot === key.length - 1 ? undefined : { scope: key.slice(0, dot), file: key.slice(dot + 1) };
}

/**
 * What is wrong with a config file name, or undefined when it is a valid ConfigMap
 * key that is also a plain file name.
 */
export function configFileNameProblem(name: string): string | undefined {
  return dataKeyProblem(name, 'a ConfigMap key, no \'/\'');
}

/**
 * The instructions of a template's recipe, the value of its `template.<file>` key: one a
 * line, rendered in order by the init container. Literal text is `text <text>` per line of
 * it (written byte for byte, without a newline) and `newline` between its lines; `file <name>`
 * writes the content of another of the member's files.
 */
export const TEMPLATE_INSTRUCTIONS = {
  text: 'text',
  newline: 'newline',
  ordinal: 'ordinal',
  podName: 'pod-name',
  podFqdn: 'pod-fqdn',
  serviceDomain: 'service-domain',
  namespace: 'namespace',
  podIp: 'pod-ip',
  file: 'file',
} as const;
