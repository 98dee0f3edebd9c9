export * from './lint';
export * from './member-probe';
export * from './ordered-stateful-app';
export * from './pod-management';
export * from './pod-security';
export * from './primary-replicas';
export * from './quorum';
