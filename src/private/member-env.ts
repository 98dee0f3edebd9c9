import * as kplus from 'cdk8s-plus-27';

/** The pod name (`metadata.name`), `<name>-<ordinal>`. */
export const POD_NAME_ENV = 'POD_NAME';

/**
 * The variables every member's main container gets, in the order they are declared:
 * later ones are built from earlier ones with Kubernetes' `$(VAR)` expansion, so they
 * are right in whatever namespace the YAML is applied to.
 */
export const MEMBER_ENV_NAMES = ['POD_NAME', 'POD_NAMESPACE', 'HEADLESS_SERVICE', 'HEADLESS_SERVICE_DOMAIN', 'POD_FQDN'];

/**
 * Gives the container its identity from the downward API and the headless Service:
 * `POD_NAME`, `POD_NAMESPACE`, `HEADLESS_SERVICE` (the governing Service's name),
 * `HEADLESS_SERVICE_DOMAIN` (`<service>.<namespace>.svc.<clusterDomain>`) and
 * `POD_FQDN` (`<pod>.<service>.<namespace>.svc.<clusterDomain>`).
 */
export function addMemberEnv(container: kplus.Container, serviceName: string, clusterDomain: string): void {
  const [podName, namespace, service, domain, fqdn] = MEMBER_ENV_NAMES;
  container.env.addVariable(podName, kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME));
  container.env.addVariable(namespace, kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE));
  container.env.addVariable(service, kplus.EnvValue.fromValue(serviceName));
  container.env.addVariable(domain, kplus.EnvValue.fromValue(`$(${service}).$(${namespace}).svc.${clusterDomain}`));
  container.env.addVariable(fqdn, kplus.EnvValue.fromValue(`$(${podName}).$(${domain})`));
}
