export * from './finding';
export * from './lint-input-error';
export * from './manifest-linter';
export * from './manifest-explainer';
