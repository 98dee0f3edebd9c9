export * from './finding';
export * from './manifest-linter';
export * from './manifest-explainer';
