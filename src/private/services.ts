import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ObjectMetadata } from './app-context';
import { MemberPort } from '../ground/identity';

/** A Service of an app: its name, type and the members' ports it exposes. */
export interface MemberServiceProps {
  readonly name: string;
  readonly metadata: ObjectMetadata;
  readonly ports: MemberPort[];
  /** The labels of the pods it selects. */
  readonly selector: { [key: string]: string };
  readonly type?: kplus.ServiceType;
  readonly clusterIP?: string;
}

/**
 * A Service in front of an app's members. Each of its ports has the name and number of a
 * container port, so SRV records and `targetPort` follow the container's declaration.
 */
export function memberService(scope: Construct, id: string, props: MemberServiceProps): kplus.Service {
  const service = new kplus.Service(scope, id, {
    metadata: { ...props.metadata, name: props.name },
    type: props.type,
    clusterIP: props.clusterIP,
    ports: props.ports.map(p => ({ name: p.name, port: p.number, targetPort: p.number, protocol: p.protocol as kplus.Protocol | undefined })),
  });
  for (const [key, value] of Object.entries(props.selector)) {
    service.selectLabel(key, value);
  }
  // cdk8s-plus always writes `externalIPs`, empty here; the API server drops an empty list,
  // and GitOps controllers would then show the Service out of sync forever.
  ApiObject.of(service).addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
  return service;
}
