/**
 * A module loaded on its first use, so that requiring the package (an app that only builds
 * objects) does not load the rules, the explainer or the YAML parser.
 */
export function lazy<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}
