import { StatefulSetExplanation } from './model';
import { describeReach, startOrder } from './text';
import { memberDomain, serviceDomain } from '../../../ground/dns';

/**
 * Markdown for a pull request: a table per StatefulSet and a mermaid flowchart of services and members.
 */
export function renderMarkdown(explanations: StatefulSetExplanation[], clusterDomain: string): string {
  if (explanations.length === 0) {
    return 'No StatefulSets found.\n';
  }
  const out: string[] = [];
  for (const e of explanations) {
    out.push(`## StatefulSet \`${e.namespaceExplicit ? `${e.namespace}/` : ''}${e.name}\``, '');
    out.push(`- governing service: ${e.serviceName ? `\`${e.serviceName}\`` : 'none (`spec.serviceName` is not set)'}`);
    out.push(`- start order: ${startOrder(e)}`);
    if (!e.namespaceExplicit && e.serviceName) {
      out.push(`- no namespace in the manifest: names resolve from inside the namespace; the full name is \`${memberDomain('<pod>', serviceDomain(e.serviceName, '<namespace>', clusterDomain))}\``);
    }
    out.push('', '| member | dns name | per-member files |', '| --- | --- | --- |');
    for (const m of e.members) {
      out.push(`| \`${m.pod}\` | ${m.dns ? `\`${m.dns}\`` : '-'} | ${m.files.map(f => `\`${f.path}\``).join('<br>') || '-'} |`);
    }
    out.push('', '**Services**', '');
    out.push(...(e.services.length === 0 ? ['- none select these pods'] : e.services.map(s => `- ${describeReach(s)}`)));
    out.push('', '```mermaid', ...flowchart(e), '```', '');
  }
  return out.join('\n');
}

function flowchart(e: StatefulSetExplanation): string[] {
  const ids = new NodeIds();
  const lines = ['flowchart LR'];
  const stsId = ids.of('sts', `${e.namespace}/${e.name}`);
  lines.push(`  subgraph ${stsId}["${label(`statefulset ${e.name} (${e.podManagementPolicy})`)}"]`);
  for (const m of e.members) {
    lines.push(`    ${ids.of('pod', `${e.namespace}/${m.pod}`)}["${label(m.pod)}"]`);
  }
  lines.push('  end');
  if (e.podManagementPolicy !== 'Parallel') {
    for (let i = 1; i < e.members.length; i++) {
      lines.push(`  ${ids.of('pod', `${e.namespace}/${e.members[i - 1].pod}`)} -.->|"ready, then"| ${ids.of('pod', `${e.namespace}/${e.members[i].pod}`)}`);
    }
  }
  for (const s of e.services) {
    const svcId = ids.of('svc', `${e.namespace}/${s.name}`);
    lines.push(`  ${svcId}(["${label(`svc/${s.name}${s.headless ? ' (headless)' : ''}`)}"])`);
    for (const pod of s.pods) {
      lines.push(`  ${svcId} --> ${ids.of('pod', `${e.namespace}/${pod}`)}`);
    }
  }
  return lines;
}

/** Escapes a node label for use inside double quotes. */
function label(text: string): string {
  return text.replace(/"/g, '#quot;');
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
