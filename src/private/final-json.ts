import { ApiObject } from 'cdk8s';

/** A change to an object's final JSON, as it is written to the YAML. */
export type FinalEdit = (json: { [key: string]: any }) => void;

const EDITS = new WeakMap<ApiObject, FinalEdit[]>();

/** The object with its keys sorted at every level, as cdk8s writes objects. */
function sortKeys(value: any): any {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  return Object.fromEntries(Object.keys(value).sort().map(key => [key, sortKeys(value[key])]));
}

/** `apiVersion`, `kind` and `metadata` first, as cdk8s writes objects. */
function topLevelFirst(json: { [key: string]: any }): { [key: string]: any } {
  const { apiVersion, kind, metadata, ...rest } = json;
  return { apiVersion, kind, metadata, ...rest };
}

/**
 * Changes an object's JSON after every other step of its serialization.
 *
 * The typed classes behind cdk8s-plus re-serialize an object after its JSON patches are
 * applied: they keep only the fields they know and read quantities as objects, so a
 * patch can silently lose a field. An edit registered here runs on the final JSON,
 * so what it writes is exactly what reaches the YAML. Edits run in the order they
 * were registered; then keys are sorted, as cdk8s sorts them.
 */
export function editFinalJson(obj: ApiObject, edit: FinalEdit): void {
  let edits = EDITS.get(obj);
  if (!edits) {
    const registered: FinalEdit[] = [];
    const serialize = obj.toJson.bind(obj);
    obj.toJson = () => {
      const json = serialize();
      registered.forEach(e => e(json));
      return topLevelFirst(sortKeys(json));
    };
    EDITS.set(obj, registered);
    edits = registered;
  }
  edits.push(edit);
}
