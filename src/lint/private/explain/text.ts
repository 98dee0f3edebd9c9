import { count, TEXT } from './format';
import { StatefulSetExplanation } from './model';
import {
  describeReach, disruptionSentence, namespaceNote, networkSentences, rolloutSentence, startOrder, storageSentences, waitedBySentence, waitSentence,
} from './sentences';

/**
 * Plain-text explanation, one block per StatefulSet.
 */
export function renderText(explanations: StatefulSetExplanation[]): string {
  if (explanations.length === 0) {
    return 'no statefulsets found\n';
  }
  return explanations.map(e => renderOne(e).join('\n')).join('\n\n') + '\n';
}

function renderOne(e: StatefulSetExplanation): string[] {
  const f = TEXT;
  const lines = [`statefulset ${e.namespaceExplicit ? `${f.name(e.namespace)}/` : ''}${f.name(e.name)}${e.namespaceExplicit ? '' : ' (namespace not set)'}`];
  lines.push(`  governing service: ${e.serviceName ? f.name(e.serviceName) : 'none (spec.serviceName is not set, members get no dns names)'}`);
  lines.push(`  members (${count(e.replicas)}):`);
  e.members.forEach((m, i) => {
    if (e.omitted > 0 && i === e.members.length / 2) {
      lines.push(`    ... ${count(e.omitted)} more members, named and configured the same way ...`);
    }
    lines.push(`    ${f.name(m.pod)}${m.dns ? `  ${f.name(m.dns)}` : ''}`);
  });
  if (!e.namespaceExplicit && e.serviceName) {
    lines.push(`  note: ${namespaceNote(e, f)}`);
  }
  lines.push(`  start order: ${startOrder(e, f)}`);
  lines.push(...e.waitsFor.map(w => `    ${waitSentence(w, f)}`));
  lines.push(...e.waitedBy.map(w => `    ${waitedBySentence(w, f)}`));
  if (e.sharedFiles.length > 0) {
    lines.push(`  files of every member: ${e.sharedFiles.map(file => `${f.name(file.path)} (${file.origin})`).join(', ')}`);
  }
  const files = e.members.filter(m => m.files.length > 0);
  if (files.length > 0) {
    lines.push('  per-member files:');
    for (const m of files) {
      lines.push(`    ${f.name(m.pod)}: ${m.files.map(file => `${f.name(file.path)} (${f.plain(file.origin)})`).join(', ')}`);
    }
  }
  if (e.newMember) {
    const gets = e.newMember.files.map(file => `${f.name(file.path)} (${file.origin})`).join(', ') || 'only the shared files';
    const refuses = e.newMember.missing.length > 0 ? `; it refuses to start without ${e.newMember.missing.map(n => f.name(n)).join(', ')} (no default)` : '';
    lines.push(`  a member added by scaling up (${f.name(e.newMember.pod)}) gets ${gets}${refuses}`);
  }
  const roles = e.services.filter(s => !s.all);
  if (roles.length > 0) {
    lines.push('  roles:');
    for (const s of roles) {
      lines.push(`    svc/${f.name(s.name)} -> ${s.pods.map(p => f.name(p)).join(', ')}`);
    }
  }
  lines.push('  services:');
  if (e.services.length === 0) {
    lines.push('    none select these pods');
  }
  lines.push(...e.services.map(s => `    ${describeReach(s, f)}`));
  lines.push(`  disruption: ${disruptionSentence(e, f)}`);
  lines.push('  storage:', ...storageSentences(e, f).map(s => `    ${s}`));
  lines.push('  network:', ...networkSentences(e, f).map(s => `    ${s}`));
  lines.push(`  rollout: ${rolloutSentence(e, f)}`);
  return lines;
}
