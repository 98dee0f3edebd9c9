import { ServiceReach, StatefulSetExplanation } from './model';
import { memberDomain, serviceDomain } from '../../../ground/dns';

/**
 * Plain-text explanation, one block per StatefulSet.
 */
export function renderText(explanations: StatefulSetExplanation[], clusterDomain: string): string {
  if (explanations.length === 0) {
    return 'no statefulsets found\n';
  }
  return explanations.map(e => renderOne(e, clusterDomain).join('\n')).join('\n\n') + '\n';
}

function renderOne(e: StatefulSetExplanation, clusterDomain: string): string[] {
  const lines = [`statefulset ${e.namespaceExplicit ? `${e.namespace}/` : ''}${e.name}${e.namespaceExplicit ? '' : ' (namespace not set)'}`];
  lines.push(`  governing service: ${e.serviceName ?? 'none (spec.serviceName is not set, members get no dns names)'}`);
  lines.push(`  members (${e.members.length}):`);
  for (const m of e.members) {
    lines.push(`    ${m.pod}${m.dns ? `  ${m.dns}` : ''}`);
  }
  if (!e.namespaceExplicit && e.serviceName) {
    lines.push('  note: no namespace in the manifest, so these names resolve from inside the namespace the objects are applied to; '
      + `the full name is ${memberDomain('<pod>', serviceDomain(e.serviceName, '<namespace>', clusterDomain))}`);
  }
  lines.push(`  start order: ${startOrder(e)}`);
  const files = e.members.filter(m => m.files.length > 0);
  if (files.length > 0) {
    lines.push('  per-member files:');
    for (const m of files) {
      lines.push(`    ${m.pod}: ${m.files.map(f => `${f.path} (configmap ${f.configMap})`).join(', ')}`);
    }
  }
  const roles = e.services.filter(s => !s.all);
  if (roles.length > 0) {
    lines.push('  roles:');
    for (const s of roles) {
      lines.push(`    svc/${s.name} -> ${s.pods.join(', ')}`);
    }
  }
  lines.push('  services:');
  if (e.services.length === 0) {
    lines.push('    none select these pods');
  }
  for (const s of e.services) {
    lines.push(`    ${describeReach(s)}`);
  }
  return lines;
}

/**
 * How the members start, in words.
 */
export function startOrder(e: StatefulSetExplanation): string {
  if (e.podManagementPolicy === 'Parallel') {
    return 'Parallel: all members start at once and stop at once, none waits for another';
  }
  return `OrderedReady: one by one in ordinal order (${e.members.map(m => m.pod).join(', then ') || 'no members'}), `
    + 'each waits for the previous one to be Running and Ready; scale-down removes the highest ordinal first';
}

/**
 * A service and the members it reaches, in words.
 */
export function describeReach(s: ServiceReach): string {
  const traits = [s.headless ? 'headless' : 'load-balanced', ...(s.governing ? ['governing'] : [])];
  const notes = s.publishNotReadyAddresses ? '; publishNotReadyAddresses: unready members are reachable too' : '';
  const pods = s.all ? `all members (${s.pods.join(', ')})` : `only ${s.pods.join(', ')}`;
  return `svc/${s.name} (${traits.join(', ')}) -> ${pods}${notes}`;
}
