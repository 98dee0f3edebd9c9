import { Plan, Pods, SetPlan } from './model';
import { CONFIG_CHECKSUM_ANNOTATION } from '../../../ground/member-config';
import { count, Formatter, MARKDOWN, TEXT } from '../explain/format';
import { RULES } from '../rules/catalog';

/**
 * A plan as text: a block per StatefulSet that changes, then the ones that do not.
 */
export function renderPlanText(plan: Plan): string {
  const f = TEXT;
  const blocks = plan.sets.filter(s => s.change !== 'unchanged').map(s => [
    `statefulset ${title(s, f)}: ${heading(s, f)}`,
    ...sentences(s, f).map(line => `  ${line}`),
  ].join('\n'));
  return [...blocks, unchangedLine(plan, f)].filter(b => b).join('\n\n') + '\n';
}

/**
 * A plan as Markdown, for a pull-request comment; every value from the manifests is escaped.
 */
export function renderPlanMarkdown(plan: Plan): string {
  const f = MARKDOWN;
  const out: string[] = [];
  for (const s of plan.sets.filter(set => set.change !== 'unchanged')) {
    out.push(`### StatefulSet ${f.name(title(s, TEXT))}: ${heading(s, f)}`, '', ...sentences(s, f).map(line => `- ${line}`), '');
  }
  const unchanged = unchangedLine(plan, f);
  return [...out, ...(unchanged ? [unchanged, ''] : [])].join('\n') || 'No StatefulSets found.\n';
}

function title(s: Pick<SetPlan, 'name' | 'namespace' | 'namespaceExplicit'>, f: Formatter): string {
  return `${s.namespaceExplicit ? `${f.name(s.namespace)}/` : ''}${f.name(s.name)}`;
}

function heading(s: SetPlan, f: Formatter): string {
  return s.change === 'renamed' && s.pairedWith ? `replaces ${title(s.pairedWith, f)}, the same app under another name` : s.change;
}

/** How the change is applied, which members keep their claims, and which would lose them. */
function overview(s: SetPlan, f: Formatter): string[] {
  const lines: string[] = [];
  const paired = s.pairedWith;
  if (paired?.kind === 'namespace') {
    const namespace = paired.namespaceExplicit ? paired.namespace : s.namespace;
    lines.push(`taken as the statefulset ${f.name(paired.name)} of namespace ${f.name(namespace)}: `
      + `${paired.namespaceExplicit ? 'this manifest gives no namespace' : 'the previous manifest gave none'}; apply it to ${f.name(namespace)} (kubectl apply -n ${namespace})`);
  }
  if (s.change === 'changed' && s.applied) {
    lines.push(s.applied === 'replaced' ? 'update: refused in place, the statefulset object must be replaced (below)'
      : s.applied === 'rolling restart' ? 'update: in place, with a rolling restart (below)' : 'update: in place, no member restarts');
  }
  if (s.abandoned) {
    const a = s.abandoned;
    lines.push(`error: ${list({ names: a.members, count: a.memberCount }, f)} would start on new, empty claims (${list({ names: a.created, count: a.created.length }, f)}${a.memberCount > a.members.length ? ', ...' : ''}) `
      + `while the claims with their data stay unmounted: ${list({ names: a.kept, count: a.count }, f)}; `
      + RULES['claims-abandoned'].fix);
  } else if (s.keptClaims && s.keptClaims.count > 0 && s.change === 'changed') {
    lines.push(`claims: every member keeps its own: ${list(s.keptClaims, f)}`);
  }
  return lines;
}

function unchangedLine(plan: Plan, f: Formatter): string {
  const unchanged = plan.sets.filter(s => s.change === 'unchanged');
  if (plan.sets.length === 0) {
    return 'no statefulsets found';
  }
  return unchanged.length === 0 ? '' : `unchanged: ${unchanged.map(s => title(s, f)).join(', ')}`;
}

function list(p: Pods, f: Formatter, separator: string = ', '): string {
  const names = p.names.map(n => f.name(n)).join(separator);
  return p.count > p.names.length ? `${names} and ${count(p.count - p.names.length)} more` : names;
}

function sentences(s: SetPlan, f: Formatter): string[] {
  const lines: string[] = overview(s, f);
  if (s.created) {
    const c = s.created;
    lines.push(`${count(c.members.count)} members start ${c.parallel ? 'at once' : 'one by one, each after the one before is Ready'}: ${list(c.members, f, c.parallel ? ', ' : ', then ')}`);
    if (c.claims.count > 0) {
      lines.push(`creates ${count(c.claims.count)} claims: ${list(c.claims, f)}`);
    }
  }
  if (s.deleted) {
    lines.push(`${s.change === 'renamed' && s.pairedWith ? `the old statefulset ${title(s.pairedWith, f)} and its ` : 'its '}members are deleted; its ${count(s.deleted.claims.count)} claims ${s.deleted.whenDeleted === 'Delete' ? 'are deleted (whenDeleted: Delete)' : 'are kept (whenDeleted: Retain)'}`
      + `${s.deleted.claims.count > 0 ? `: ${list(s.deleted.claims, f)}` : ''}`);
  }
  if (s.rejected.length > 0) {
    lines.push(`rejected: the api server refuses the update, because ${s.rejected.map(r => f.name(r.path)).join(', ')} changed, which a live statefulset cannot change`);
    lines.push(s.adoptsMembers
      ? `way out: ${f.name(s.wayOut)} (the members keep running), then apply: the new statefulset adopts them (its selector selects their labels) and goes on as below; `
        + 'claims of existing members keep their old template (resize them yourself where the storage class allows it), new members get the new one'
      : `way out: ${f.name(s.wayOut)} (the members keep running), then apply; the new statefulset's selector does not select the running members, so it cannot adopt them, `
        + 'and it creates none of its own while the old pods hold their names: delete each old pod, highest ordinal first, for the new member to start in its place');
  }
  if (s.restart) {
    const r = s.restart;
    const because = `because of ${s.templateChanges.map(c => describeChange(c, f)).join('; ')}`;
    if (r.strategy === 'OnDelete') {
      lines.push(`no member restarts (OnDelete): each one gets the new template when you delete it; ${because}`);
    } else if (r.members.count === 0) {
      lines.push(`no member restarts: every member is below partition ${r.partition}; ${because}`);
    } else {
      const pace = r.atOnce > 1 ? `up to ${r.atOnce} at a time (where MaxUnavailableStatefulSet is enabled, else one)` : 'one at a time';
      const ready = r.minReadySeconds > 0 ? `Ready for ${r.minReadySeconds}s` : 'Ready';
      lines.push(`restarts ${count(r.members.count)} member${r.members.count === 1 ? '' : 's'} ${pace}, highest ordinal first, each after the one before is ${ready}: `
        + `${list(r.members, f, ', then ')}; ${because}`);
      if (r.keptOld > 0) {
        lines.push(`${count(r.keptOld)} member${r.keptOld === 1 ? '' : 's'} below partition ${r.partition} keep the old template until the partition is lowered`);
      }
    }
  } else if (s.configChanges.length > 0) {
    lines.push('no member restarts: the pod template is unchanged; mounted files follow the new data within about a minute, '
      + 'but subPath mounts and environment variables keep the old values until a member restarts');
  }
  if (s.configChanges.length > 0) {
    lines.push(`config: ${s.configChanges.map(c => f.name(c)).join('; ')}`);
  }
  if (s.scale) {
    const sc = s.scale;
    lines.push(`scale: ${count(sc.from)} -> ${count(sc.to)} members`);
    if (sc.added.count > 0) {
      lines.push(`creates ${list(sc.added, f, sc.parallel ? ', ' : ', then ')} ${sc.parallel ? 'at once' : 'one by one, each after the one before is Ready'}`
        + `${sc.claimsCreated.count > 0 ? `, with claims ${list(sc.claimsCreated, f)} (created, or reused where an earlier scale-down kept them)` : ''}`);
    }
    if (sc.removed.count > 0) {
      lines.push(`removes ${list(sc.removed, f, sc.parallel ? ', ' : ', then ')}${sc.parallel ? ' at once' : ', highest ordinal first'}`
        + `${sc.claimsOfRemoved.count > 0 ? `; their claims ${list(sc.claimsOfRemoved, f)} are ${sc.whenScaled === 'Delete' ? 'deleted (whenScaled: Delete)' : 'kept (whenScaled: Retain) and reused on a later scale-up'}` : ''}`);
    }
  }
  if (s.specChanges.length > 0) {
    lines.push(`also changes ${s.specChanges.map(c => f.name(c)).join(', ')}, which restarts no member`);
  }
  if (s.availability) {
    const a = s.availability;
    const up = a.replicas - a.down;
    const quorum = up >= a.majority ? `a majority (${count(a.majority)}): a quorum holds` : `less than a majority (${count(a.majority)}): a quorum breaks while a member restarts`;
    const budget = a.budgetAllows === undefined ? 'there is no disruption budget'
      : `the disruption budget allows ${count(a.budgetAllows)} at a time, which the rollout ${a.down <= a.budgetAllows ? 'stays within' : 'exceeds'} (it deletes members directly and does not ask the budget)`;
    lines.push(`availability: ${count(a.down)} of ${count(a.replicas)} members down at a time during the rollout, ${count(up)} stay${up === 1 ? 's' : ''} up, ${quorum}; ${budget}`);
  }
  return lines;
}

/** A template change in words; the config checksum says that the member config changed. */
function describeChange(change: string, f: Formatter): string {
  return change === `annotation ${CONFIG_CHECKSUM_ANNOTATION}` ? 'the member config (its checksum annotation changed)' : f.name(change);
}
