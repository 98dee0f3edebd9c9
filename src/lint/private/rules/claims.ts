import { memberPodName } from '../../../ground/names';
import { memberClaimName } from '../../../ground/statefulset';
import { SetPair } from '../pairing';
import { asArray, lastOrdinal } from '../workloads';
import { finding, RawFinding } from './catalog';

/** Names listed in a message, at most. */
const LISTED = 3;

/**
 * Members that would start on new, empty claims while their old claims, with the data, stay
 * unmounted: the StatefulSet got another name, or a claim template another name (or none).
 * The controller finds a member's claim by `<template>-<statefulset>-<ordinal>` alone.
 */
export interface AbandonedClaims {
  /** The new names of the members concerned, first ones first. */
  readonly members: string[];
  /** Their claims with the data, which nothing mounts any more. */
  readonly kept: string[];
  /** The claims they get instead, new and empty. */
  readonly created: string[];
  /** How many members are concerned in all. */
  readonly memberCount: number;
  /** How many old claims are left behind in all. */
  readonly count: number;
}

/** What a pair of StatefulSets leaves behind, for the members both have; undefined when nothing. */
export function abandonedClaims(pair: SetPair, limit: number): AbandonedClaims | undefined {
  const { old, next } = pair;
  const newTemplates = asArray(next.obj.raw.spec?.volumeClaimTemplates).map(t => String(t.metadata?.name ?? ''));
  const left = asArray(old.obj.raw.spec?.volumeClaimTemplates).map(t => String(t.metadata?.name ?? ''))
    .filter(t => !newTemplates.some(n => memberClaimName(n, next.name, 0) === memberClaimName(t, old.name, 0)));
  const from = Math.max(old.ordinalStart, next.ordinalStart);
  const to = Math.min(lastOrdinal(old), lastOrdinal(next));
  if (left.length === 0 || from > to) {
    return undefined;
  }
  const ordinals = Array.from({ length: Math.min(limit, to - from + 1) }, (_, i) => from + i);
  return {
    members: ordinals.map(o => memberPodName(next.name, o)),
    kept: ordinals.flatMap(o => left.map(t => memberClaimName(t, old.name, o))).slice(0, limit),
    created: ordinals.flatMap(o => newTemplates.map(t => memberClaimName(t, next.name, o))).slice(0, limit),
    memberCount: to - from + 1,
    count: left.length * (to - from + 1),
  };
}

/** Why a pair leaves claims behind, in words. */
export function abandonReason(pair: SetPair): string {
  return pair.old.name !== pair.next.name
    ? `the statefulset ${pair.old.name} becomes ${pair.next.name} (the same pods under another name), and a member's claim is named after its statefulset`
    : 'a claim template is renamed or removed, and a member\'s claim is named after its template';
}

/** The fix: keep what names the claims. */
export const KEEP_CLAIMS = 'keep the statefulset\'s name and its claim templates\' names: with this library, '
  + 'adopt the live statefulset (the app\'s \'adopt\' prop, LiveStatefulSet.fromFile)';

/**
 * With the objects as applied today, paired: StatefulSets whose members would start on new
 * claims while the old ones keep the data unmounted.
 */
export function compareClaims(pairs: SetPair[]): RawFinding[] {
  return pairs.flatMap(pair => {
    const left = abandonedClaims(pair, LISTED);
    if (!left) {
      return [];
    }
    const list = (names: string[], count: number) => `${names.join(', ')}${count > names.length ? ` and ${count - names.length} more` : ''}`;
    return [finding('claims-abandoned', pair.next.obj,
      `members ${list(left.members, left.memberCount)} would start on new, empty claims (${list(left.created, left.memberCount * left.created.length / left.members.length)}) `
      + `while the claims with their data stay unmounted (${list(left.kept, left.count)}), because ${abandonReason(pair)}; ${KEEP_CLAIMS}`)];
  });
}
