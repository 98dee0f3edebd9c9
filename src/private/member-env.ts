import * as kplus from 'cdk8s-plus-27';
import { AppIdentity } from '../ground/identity';
import { memberEnv } from '../ground/member-env';

/**
 * The member variables (`src/ground/member-env.ts`) as cdk8s-plus values, in their order:
 * `POD_NAME`, `POD_NAMESPACE`, `POD_IP`, `HEADLESS_SERVICE`, `HEADLESS_SERVICE_DOMAIN`, `POD_FQDN`.
 */
export function memberEnvValues(identity: AppIdentity): { [name: string]: kplus.EnvValue } {
  return Object.fromEntries(memberEnv(identity.serviceName, identity.clusterDomain).map(variable => [variable.name,
    variable.fieldPath === undefined
      ? kplus.EnvValue.fromValue(variable.value!)
      : kplus.EnvValue.fromFieldRef(variable.fieldPath as kplus.EnvFieldPaths)]));
}
