/**
 * JSON with object keys sorted, so two values compare equal whatever their key order.
 */
export function canonicalJson(value: any): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: any): any {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value && typeof value === 'object') {
    const result: { [key: string]: any } = {};
    for (const key of Object.keys(value).sort()) {
      if (value[key] !== undefined && value[key] !== null) {
        result[key] = sortKeys(value[key]);
      }
    }
    return result;
  }
  return value;
}
