import { StatefulSet } from './manifest';
import { Pod, PodHost } from './pod';
import { waitFor } from './processes';

/** How long one member may take to become Ready. */
const READY_TIMEOUT_MS = 120_000;
/** A container that exited this often while its member is awaited is crash-looping: waiting longer shows nothing new. */
const CRASH_LOOP_RESTARTS = 2;

/**
 * The StatefulSet controller's part: members `<name>-<start>` ... in ordinal order, with
 * OrderedReady creating member N+1 only once member N is Ready, and Parallel creating all
 * of them at once.
 */
export class StatefulSetController {
  public readonly pods: Pod[] = [];

  constructor(private readonly host: PodHost, public readonly sts: StatefulSet) {}

  public get name(): string {
    return this.sts.metadata.name;
  }

  public get firstOrdinal(): number {
    return this.sts.spec.ordinals?.start ?? 0;
  }

  public get replicas(): number {
    return this.sts.spec.replicas ?? 1;
  }

  public get ordered(): boolean {
    return (this.sts.spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  }

  /** Creates the members up to `replicas` and waits until all of them are Ready. */
  public async scaleTo(replicas: number): Promise<void> {
    const ordinals = Array.from({ length: replicas }, (_, i) => this.firstOrdinal + i)
      .filter(ordinal => !this.pods.some(pod => pod.ordinal === ordinal));
    if (this.ordered) {
      for (const ordinal of ordinals) {
        await this.waitReady(await this.create(ordinal));
      }
    } else {
      const created = await Promise.all(ordinals.map(ordinal => this.create(ordinal)));
      await Promise.all(created.map(pod => this.waitReady(pod)));
    }
  }

  /** Creates one member, as a scale-up does once the members before it are Ready (OrderedReady). */
  public async create(ordinal: number): Promise<Pod> {
    const pod = new Pod(this.host, this.sts, ordinal);
    this.pods.push(pod);
    this.host.log(`${pod.name}: created (${this.ordered ? 'OrderedReady' : 'Parallel'})`);
    await pod.start();
    return pod;
  }

  public async waitReady(pod: Pod): Promise<void> {
    await waitFor(`${pod.name} to become Ready`, READY_TIMEOUT_MS, () => {
      if (pod.failure) {
        throw new Error(`${pod.name} cannot start: init container ${pod.failure.container} exited with ${pod.failure.exitCode}:\n${pod.failure.output}`);
      }
      const crashing = Object.entries(pod.restarts()).find(([, restarts]) => restarts >= CRASH_LOOP_RESTARTS);
      if (crashing) {
        throw new Error(`${pod.name} is crash-looping: container ${crashing[0]} exited ${crashing[1]} times`);
      }
      return pod.ready;
    });
  }

  public async stop(): Promise<void> {
    await Promise.all(this.pods.map(pod => pod.stop()));
  }
}
