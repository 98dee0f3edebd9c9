import { memberPodName } from './names';

/**
 * What the StatefulSet controller derives from a StatefulSet, shared by the construct, which
 * adopts a live StatefulSet, and the linter and planner, which compare two versions of one.
 */

/**
 * The PersistentVolumeClaim of a member: `<template>-<pod>`. The controller finds a member's
 * claim by this name alone, so the claim (and its data) follows the StatefulSet's name, the
 * template's name and the ordinal, and nothing else.
 */
export function memberClaimName(template: string, statefulSet: string, ordinal: number): string {
  return `${template}-${memberPodName(statefulSet, ordinal)}`;
}

/**
 * A claim template as the API server stores it: it fills in `apiVersion: v1`,
 * `kind: PersistentVolumeClaim`, `spec.volumeMode: Filesystem` and `status.phase: Pending`,
 * and copies `dataSource` and `dataSourceRef` into each other. So a template written without
 * them is the same template as one written with them.
 */
export function claimTemplateAsStored(template: any): any {
  const spec = template?.spec ?? {};
  const dataSource = spec.dataSource ?? spec.dataSourceRef;
  return {
    ...template,
    apiVersion: template?.apiVersion ?? 'v1',
    kind: template?.kind ?? 'PersistentVolumeClaim',
    spec: {
      ...spec,
      volumeMode: spec.volumeMode ?? 'Filesystem',
      ...(dataSource === undefined ? {} : { dataSource, dataSourceRef: spec.dataSourceRef ?? spec.dataSource }),
    },
    status: { ...template?.status, phase: template?.status?.phase ?? 'Pending' },
  };
}
