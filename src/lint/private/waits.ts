import { Bundle } from './bundle';
import { asArray, ordinalOfPod, StatefulSetView } from './workloads';
import { WAIT_CONTAINER_PREFIX, WAIT_FOR_ENV, WAIT_HOSTS_ENV, WAIT_PORT_ENV, WAIT_TIMEOUT_ENV } from '../../ground/waits';

/**
 * A StatefulSet's wait for another one before its members start (the start-order
 * convention of `ground/waits.ts`): an init container `wait-for-<other>` whose environment
 * names what it waits for.
 */
export interface Wait {
  readonly waiter: StatefulSetView;
  readonly container: string;
  /** The StatefulSet waited for, by name (`WAIT_FOR`). */
  readonly target: string;
  /** Its namespace: from the host names when they carry one, else the waiter's. */
  readonly namespace: string;
  /** The members waited for, as named in `WAIT_HOSTS`. */
  readonly hosts: string[];
  /** The port waited for, when the wait is a TCP check. */
  readonly port?: number;
  readonly timeoutSeconds?: number;
  /** Whether it runs before every other init container, as the convention says. */
  readonly first: boolean;
}

/** The waits of a StatefulSet, in the order its init containers run. */
export function waitsOf(sts: StatefulSetView): Wait[] {
  const inits = asArray(sts.podSpec.initContainers);
  const result: Wait[] = [];
  inits.forEach((container, i) => {
    const env = new Map<string, string>(asArray(container.env).filter(e => typeof e.value === 'string').map(e => [e.name, e.value]));
    const target = env.get(WAIT_FOR_ENV);
    if (typeof container.name !== 'string' || !container.name.startsWith(WAIT_CONTAINER_PREFIX) || !target) {
      return;
    }
    const hosts = (env.get(WAIT_HOSTS_ENV) ?? '').split(/\s+/).filter(h => h);
    const port = Number(env.get(WAIT_PORT_ENV));
    const timeout = Number(env.get(WAIT_TIMEOUT_ENV));
    result.push({
      waiter: sts,
      container: container.name,
      target,
      namespace: hosts.map(namespaceOfHost).find(ns => ns) ?? sts.namespace,
      hosts,
      port: Number.isInteger(port) && port > 0 ? port : undefined,
      timeoutSeconds: Number.isInteger(timeout) && timeout > 0 ? timeout : undefined,
      first: inits.slice(0, i).every(c => typeof c.name === 'string' && c.name.startsWith(WAIT_CONTAINER_PREFIX)),
    });
  });
  return result;
}

/** The members a wait waits for, by ordinal (those its host names name). */
export function waitedOrdinals(wait: Wait): number[] {
  return wait.hosts.map(h => ordinalOfPod(wait.target, h.split('.')[0])).filter((o): o is number => o !== undefined);
}

/** `<pod>.<service>.<namespace>.svc.<domain>` carries the namespace; the short form does not. */
function namespaceOfHost(host: string): string | undefined {
  const labels = host.split('.');
  return labels.length >= 4 && labels[3] === 'svc' ? labels[2] : undefined;
}

/** Every wait of a bundle, and who waits for each StatefulSet. */
export class Waits {
  public readonly all: Wait[];
  private readonly byTarget = new Map<string, Wait[]>();

  public constructor(bundle: Bundle) {
    this.all = bundle.statefulSets.flatMap(waitsOf);
    for (const wait of this.all) {
      const key = `${wait.namespace}/${wait.target}`;
      const waits = this.byTarget.get(key);
      if (waits) {
        waits.push(wait);
      } else {
        this.byTarget.set(key, [wait]);
      }
    }
  }

  /** The waits for a StatefulSet. */
  public for(sts: StatefulSetView): Wait[] {
    return this.byTarget.get(`${sts.namespace}/${sts.name}`) ?? [];
  }
}
