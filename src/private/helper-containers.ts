import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { OrderedStatefulAppProps } from '../ordered-stateful-app-props';

/** The default image of the init containers that copy files (`configInitImage`): a POSIX shell, `cat`, `cp`, `chmod`, `mv`. */
const DEFAULT_COPY_IMAGE = 'busybox:1.36.1';

/** The image of the init containers that copy the member config and the secret files. */
export function copyImage(props: OrderedStatefulAppProps): string {
  return props.configInitImage ?? DEFAULT_COPY_IMAGE;
}

/** What a copying init container needs: little CPU and memory, bounded. */
export function copyResources(): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(100) },
    memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) },
  };
}
