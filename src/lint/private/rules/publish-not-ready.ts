import { Bundle } from '../bundle';
import { isHeadless } from '../workloads';
import { finding, RawFinding } from './catalog';

/**
 * publishNotReadyAddresses is meant for peer discovery through a headless service.
 */
export function checkPublishNotReady(bundle: Bundle): RawFinding[] {
  return bundle.ofKind('Service')
    .filter(service => service.raw.spec?.publishNotReadyAddresses === true && !isHeadless(service))
    .map(service => finding('publish-not-ready-not-headless', service,
      'publishNotReadyAddresses: true on a service that is not headless marks every endpoint ready, so load-balanced clients reach unready pods; '
      + 'set clusterIP: None or remove publishNotReadyAddresses'));
}
