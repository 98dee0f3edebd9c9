import * as kplus from 'cdk8s-plus-27';
import { AppIdentity } from '../ground/identity';
import { memberEnv } from '../ground/member-env';

/**
 * Gives the main container its identity (`src/ground/member-env.ts`): `POD_NAME`,
 * `POD_NAMESPACE`, `HEADLESS_SERVICE`, `HEADLESS_SERVICE_DOMAIN` and `POD_FQDN`.
 */
export function addMemberEnv(container: kplus.Container, identity: AppIdentity): void {
  for (const variable of memberEnv(identity.serviceName, identity.clusterDomain)) {
    container.env.addVariable(variable.name, variable.fieldPath === undefined
      ? kplus.EnvValue.fromValue(variable.value!)
      : kplus.EnvValue.fromFieldRef(variable.fieldPath as kplus.EnvFieldPaths));
  }
}
