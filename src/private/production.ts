import { CLIENT_SERVICES } from './parts/client-services';
import { DISRUPTION_BUDGET } from './parts/disruption-budget';
import { NETWORK_POLICY } from './parts/network-policy';
import { ProductionPart } from './parts/part';
import { ROLLOUT } from './parts/rollout';
import { SPREADING } from './parts/spreading';
import { STORAGE } from './parts/storage';

/**
 * The production parts of an app, in the order they are applied (which is the order of
 * their objects in the YAML). Each part checks and writes its own props; adding a part
 * means its public option types in `src/<part>.ts`, its prop in `ProductionProps`, a
 * module in `src/private/parts/` and a line here.
 */
export const PRODUCTION_PARTS: ProductionPart[] = [
  CLIENT_SERVICES,
  DISRUPTION_BUDGET,
  SPREADING,
  STORAGE,
  ROLLOUT,
  NETWORK_POLICY,
];
