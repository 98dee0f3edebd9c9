import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { containerCapabilities, containerSecurityContext } from './security';
import { CONFIG_VOLUME } from '../ground/member-config';
import { checkMountPaths } from '../ground/mount-paths';
import { Problems, show } from '../ground/problems';
import { PodSecurity } from '../pod-security';
import { VolumeClaimOptions } from '../storage';

/** Fields of a container that cdk8s-plus does not express, by their path inside the container. */
export type ContainerFields = { [path: string]: unknown };

/** How an init container is added. */
export interface InitContainerOptions {
  /** The Pod Security Standard the container is hardened for. */
  readonly level: PodSecurity;
  /** Runs before every init container added without `first` (in the order these calls are made). */
  readonly first?: boolean;
  /** Fields cdk8s-plus does not express, written as typed JSON patches. */
  readonly fields?: ContainerFields;
}

/** A volume mount as the pod template writes it. */
export interface VolumeMountJson {
  readonly name: string;
  readonly mountPath: string;
  readonly subPath?: string;
  readonly readOnly?: boolean;
}

/** A change to the StatefulSet's JSON after cdk8s serialized it. */
export type SerializedEdit = (json: { [key: string]: any }) => void;

type ContainerList = 'containers' | 'initContainers';

/**
 * The one writer of an app's StatefulSet beyond its cdk8s-plus construct. What cdk8s-plus
 * expresses is given to it (containers, mounts, env, probes, scheduling, strategy, pod
 * security context); the rest is a typed JSON patch added here: capabilities in the bare
 * form, seccomp profiles, container fields cdk8s-plus lacks, StatefulSet fields it lacks.
 * JSON patch values must be what the typed classes of `cdk8s-plus-27` can serialize again
 * (`k8s.Quantity`, `k8s.IntOrString` for quantities and ports), since they re-read the
 * object after its patches are applied.
 *
 * Patches name containers by position. cdk8s-plus only appends containers, so this class
 * keeps the order the pod will have and computes each position when it writes the patch;
 * an init container that must run first is appended and then moved by a patch, which
 * leaves the positions of the containers before it unchanged.
 */
export class StatefulSetWriter {
  private readonly order: { [list in ContainerList]: string[] } = { containers: [], initContainers: [] };
  private readonly edits: SerializedEdit[] = [];
  private readonly lastMounts: Array<{ readonly container: string; readonly mount: VolumeMountJson }> = [];
  private firstInits = 0;

  constructor(private readonly statefulSet: kplus.StatefulSet, private readonly level: PodSecurity) {
    this.patch(JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }));
  }

  /** Adds a container that runs for the pod's lifetime, hardened for the app's level. */
  public addContainer(props: kplus.ContainerProps): kplus.Container {
    const container = this.statefulSet.addContainer({ ...props, securityContext: containerSecurityContext(props.securityContext, this.level) });
    this.track('containers', container.name, props.securityContext, this.level, {});
    return container;
  }

  /** Adds an init container after the others, or before every other when `first`. */
  public addInitContainer(props: kplus.ContainerProps, options: InitContainerOptions): kplus.Container {
    const securityContext = containerSecurityContext(props.securityContext, options.level);
    const container = this.statefulSet.addInitContainer({ ...props, securityContext });
    const index = this.track('initContainers', container.name, props.securityContext, options.level, options.fields ?? {});
    if (options.first) {
      const position = this.firstInits++;
      this.patch(JsonPatch.move(`/spec/template/spec/initContainers/${index}`, `/spec/template/spec/initContainers/${position}`));
      const names = this.order.initContainers;
      names.splice(position, 0, ...names.splice(index, 1));
    }
    return container;
  }

  /** Writes a field cdk8s-plus does not express. */
  public patch(patch: JsonPatch): void {
    ApiObject.of(this.statefulSet).addJsonPatch(patch);
  }

  /**
   * Changes the StatefulSet's JSON after cdk8s serialized it: the one step that does, for
   * what no JSON patch can write.
   *
   * - Claim templates as the API server stores them: `ApiObject.toJson()` of the typed
   *   StatefulSet class re-serializes the object after its patches, and its serializer of
   *   `volumeClaimTemplates` keeps only `metadata` and `spec` of each template.
   * - Mounts that must follow whatever mounts the main container has when the YAML is
   *   written, which methods may add after construction: a patch fixes its position (or
   *   must create the list) when it is added.
   *
   * Edits run in the order they were added; then keys are sorted, as cdk8s sorts them.
   * `test/private/statefulset-writer.test.ts` pins the cdk8s behaviour this works around.
   */
  public afterSerialization(edit: SerializedEdit): void {
    if (this.edits.length === 0) {
      const obj = ApiObject.of(this.statefulSet);
      const serialize = obj.toJson.bind(obj);
      obj.toJson = () => {
        const json = serialize();
        this.edits.forEach(e => e(json));
        return topLevelFirst(sortKeys(json));
      };
    }
    this.edits.push(edit);
  }

  /**
   * Mounts a volume in a container after every other mount it has when the YAML is
   * written, in the order of these calls: a file mounted inside another mount (a file on
   * a member's volume) must follow that mount, whenever it was added.
   */
  public addLastMount(containerName: string, mount: VolumeMountJson): void {
    if (this.lastMounts.length === 0) {
      this.afterSerialization(json => {
        const containers: Array<{ name: string; volumeMounts?: VolumeMountJson[] }> = json.spec.template.spec.containers;
        for (const { container, mount: last } of this.lastMounts) {
          const target = containers.find(c => c.name === container)!;
          target.volumeMounts = [...target.volumeMounts ?? [], last];
        }
      });
    }
    this.lastMounts.push({ container: containerName, mount });
  }

  /** The paths of the mounts added with `addLastMount` to a container. */
  public lastMountPaths(containerName: string): string[] {
    return this.lastMounts.filter(m => m.container === containerName).map(m => m.mount.mountPath);
  }

  /**
   * Reports what would make the pod template invalid or a member start without the
   * library's hardening: a container added to the StatefulSet directly, two containers or
   * two volumes of one name, a claim template named like a pod volume (the StatefulSet
   * controller would put the claim in its place), a mount added after construction over
   * the root directory or over the directory of another mount of its container.
   */
  public checkPod(problems: Problems, claims: VolumeClaimOptions[]): void {
    const lists: Array<[ContainerList, kplus.Container[], string]> = [
      ['containers', this.statefulSet.containers, 'app.addSidecar(container)'],
      ['initContainers', this.statefulSet.initContainers, 'the app\'s initContainers prop'],
    ];
    const names = new Map<string, string>();
    for (const [list, containers, instead] of lists) {
      containers.forEach((container, i) => {
        const property = `statefulSet.${list}[${i}]`;
        problems.check(i < this.order[list].length, `${property}.name`,
          `must be added with ${instead}, which hardens it for the Pod Security Standard and checks it, `
          + `got ${show(container.name)}, added to the StatefulSet directly`);
        const other = names.get(container.name);
        problems.check(other === undefined, `${property}.name`,
          `must be distinct in the pod, got ${show(container.name)} twice (also ${other}): rename one`);
        names.set(container.name, property);
        checkMounts(problems, `${property}.volumeMounts`, container, list === 'containers' && i === 0 ? claims : []);
      });
    }
    const volumes = new Map<string, kplus.Volume>();
    const mounted = [...this.statefulSet.containers, ...this.statefulSet.initContainers].flatMap(c => c.mounts.map(m => m.volume));
    for (const volume of [...mounted, ...this.statefulSet.volumes]) {
      const other = volumes.get(volume.name);
      problems.check(other === undefined || other === volume, 'volumes',
        `must have distinct names, got two volumes named ${show(volume.name)}: rename one`);
      volumes.set(volume.name, volume);
    }
    claims.forEach((claim, i) => {
      problems.check(!volumes.has(claim.name), `storage.claims[${i}].name`,
        `must be named unlike every volume of the pod, got ${show(claim.name)}, the name of a volume, which the claim would replace: rename the claim`);
    });
  }

  /** Records a container at the end of its list and writes its patches; returns its position. */
  private track(list: ContainerList, name: string, context: kplus.ContainerSecurityContextProps | undefined,
    level: PodSecurity, fields: ContainerFields): number {
    const index = this.order[list].push(name) - 1;
    const path = `/spec/template/spec/${list}/${index}`;
    const capabilities = containerCapabilities(context, level);
    if (capabilities) {
      this.patch(JsonPatch.add(`${path}/securityContext/capabilities`, capabilities));
    }
    for (const [field, value] of Object.entries(fields)) {
      this.patch(JsonPatch.add(`${path}/${field}`, value));
    }
    return index;
  }
}

/**
 * The mounts of a container as the pod will have them (what cdk8s-plus holds, then the
 * claims of the main container, but block volumes, which are devices), each at a directory of its own; the config volume's
 * mounts are checked with the config files. What the props gave was checked at construction,
 * so a problem here comes from a mount added later, through cdk8s-plus.
 */
function checkMounts(problems: Problems, property: string, container: kplus.Container, claims: VolumeClaimOptions[]): void {
  checkMountPaths(problems, [
    ...container.mounts.map((m, i) => ({ path: m.path, volume: m.volume.name, property: `${property}[${i}].path` })),
    ...claims.flatMap((c, i) => c.volumeMode === kplus.PersistentVolumeMode.BLOCK ? []
      : [{ path: c.mountPath, volume: c.name, property: `storage.claims[${i}].mountPath` }]),
  ].filter(m => m.volume !== CONFIG_VOLUME));
}

/** The value with its keys sorted at every level, as cdk8s writes objects. */
function sortKeys(value: any): any {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  return Object.fromEntries(Object.keys(value).sort().map(key => [key, sortKeys(value[key])]));
}

/** `apiVersion`, `kind` and `metadata` first, as cdk8s writes objects. */
function topLevelFirst(json: { [key: string]: any }): { [key: string]: any } {
  const { apiVersion, kind, metadata, ...rest } = json;
  return { apiVersion, kind, metadata, ...rest };
}
