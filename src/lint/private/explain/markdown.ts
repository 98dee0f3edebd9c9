import { count, MARKDOWN, mermaidLabel } from './format';
import { StatefulSetExplanation } from './model';
import {
  describeReach, disruptionSentence, namespaceNote, networkSentences, rolloutSentence, startOrder, storageSentences, waitedBySentence, waitSentence,
} from './sentences';

/**
 * Markdown for a pull request: a section per StatefulSet and a Mermaid flowchart of its
 * members, services and waits. Every value from the manifests is escaped.
 */
export function renderMarkdown(explanations: StatefulSetExplanation[]): string {
  if (explanations.length === 0) {
    return 'No StatefulSets found.\n';
  }
  const f = MARKDOWN;
  const out: string[] = [];
  for (const e of explanations) {
    out.push(`## StatefulSet ${f.name(`${e.namespaceExplicit ? `${e.namespace}/` : ''}${e.name}`)}`, '');
    out.push(`- governing service: ${e.serviceName ? f.name(e.serviceName) : 'none (`spec.serviceName` is not set)'}`);
    out.push(`- start order: ${startOrder(e, f)}`);
    out.push(...e.waitsFor.map(w => `  - ${waitSentence(w, f)}`));
    out.push(...e.waitedBy.map(w => `  - ${waitedBySentence(w, f)}`));
    if (!e.namespaceExplicit && e.serviceName) {
      out.push(`- ${namespaceNote(e, f)}`);
    }
    if (e.sharedFiles.length > 0) {
      out.push(`- files of every member: ${e.sharedFiles.map(file => `${f.name(file.path)} (${file.origin})`).join(', ')}`);
    }
    if (e.newMember) {
      const gets = e.newMember.files.map(file => `${f.name(file.path)} (${file.origin})`).join(', ') || 'only the shared files';
      const refuses = e.newMember.missing.length > 0 ? `; it refuses to start without ${e.newMember.missing.map(n => f.name(n)).join(', ')} (no default)` : '';
      out.push(`- a member added by scaling up (${f.name(e.newMember.pod)}) gets ${gets}${refuses}`);
    }
    out.push('', '| member | dns name | own files |', '| --- | --- | --- |');
    e.members.forEach((m, i) => {
      if (e.omitted > 0 && i === e.members.length / 2) {
        out.push(`| ... | ${count(e.omitted)} more members, named and configured the same way | |`);
      }
      const files = m.files.map(file => `${f.name(file.path)} (${f.plain(file.origin)})`).join('<br>') || '-';
      out.push(`| ${f.name(m.pod)} | ${m.dns ? f.name(m.dns) : '-'} | ${files} |`);
    });
    out.push('', '**Services**', '');
    out.push(...(e.services.length === 0 ? ['- none select these pods'] : e.services.map(s => `- ${describeReach(s, f)}`)));
    out.push('', `**Disruption**: ${disruptionSentence(e, f)}`, '');
    out.push('**Storage**', '', ...storageSentences(e, f).map(s => `- ${s}`), '');
    out.push('**Network**', '', ...networkSentences(e, f).map(s => `- ${s}`), '');
    out.push(`**Rollout**: ${rolloutSentence(e, f)}`, '');
    out.push('```mermaid', ...flowchart(e), '```', '');
  }
  return out.join('\n');
}

function flowchart(e: StatefulSetExplanation): string[] {
  const ids = new NodeIds();
  const pod = (name: string) => ids.of('pod', `${e.namespace}/${name}`);
  const lines = ['flowchart LR'];
  const stsId = ids.of('sts', `${e.namespace}/${e.name}`);
  lines.push(`  subgraph ${stsId}["${mermaidLabel(`statefulset ${e.name} (${e.podManagementPolicy})`)}"]`);
  e.members.forEach((m, i) => {
    if (e.omitted > 0 && i === e.members.length / 2) {
      lines.push(`    ${ids.of('more', `${e.namespace}/${e.name}`)}["${mermaidLabel(`${count(e.omitted)} more`)}"]`);
    }
    lines.push(`    ${pod(m.pod)}["${mermaidLabel(m.pod)}"]`);
  });
  lines.push('  end');
  if (e.podManagementPolicy !== 'Parallel') {
    for (let i = 1; i < e.members.length; i++) {
      if (!(e.omitted > 0 && i === e.members.length / 2)) {
        lines.push(`  ${pod(e.members[i - 1].pod)} -.->|"ready, then"| ${pod(e.members[i].pod)}`);
      }
    }
  }
  for (const s of e.services) {
    const svcId = ids.of('svc', `${e.namespace}/${s.name}`);
    lines.push(`  ${svcId}(["${mermaidLabel(`svc/${s.name}${s.headless ? ' (headless)' : ''}`)}"])`);
    for (const target of s.pods.filter(p => e.members.some(m => m.pod === p))) {
      lines.push(`  ${svcId} --> ${pod(target)}`);
    }
  }
  for (const w of e.waitsFor) {
    const other = ids.of('app', `${e.namespace}/${w.app}`);
    lines.push(`  ${other}[["${mermaidLabel(`statefulset ${w.app}`)}"]]`);
    lines.push(`  ${stsId} ==>|"${mermaidLabel(`waits for${w.port ? ` :${w.port}` : ''}`)}"| ${other}`);
  }
  for (const w of e.waitedBy) {
    const other = ids.of('app', `${e.namespace}/${w.app}`);
    lines.push(`  ${other}[["${mermaidLabel(`statefulset ${w.app}`)}"]]`);
    lines.push(`  ${other} ==>|"${mermaidLabel(`waits for${w.port ? ` :${w.port}` : ''}`)}"| ${stsId}`);
  }
  return lines;
}

/**
 * Stable mermaid node ids: only letters, digits and '_', distinct for distinct names.
 */
class NodeIds {
  private readonly byName = new Map<string, string>();
  private readonly used = new Set<string>();

  public of(prefix: string, name: string): string {
    const key = `${prefix}:${name}`;
    const known = this.byName.get(key);
    if (known) {
      return known;
    }
    const base = `${prefix}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) {
      id = `${base}_${n}`;
    }
    this.used.add(id);
    this.byName.set(key, id);
    return id;
  }
}
