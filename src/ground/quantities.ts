/**
 * Kubernetes resource quantities (`500m`, `1.5`, `64Mi`, `1e3`), as the API server parses them.
 */

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[mkMGTPE]|[eE][+-]?\d+)?$/;

/** Decimal suffixes, each 1000 times the one before, from milli. */
const DECIMAL_SUFFIXES = ['m', '', 'k', 'M', 'G', 'T', 'P', 'E'];

/** Binary suffixes, each 1024 times the one before, from kibi. */
const BINARY_SUFFIXES = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

function multiplier(suffix: string): number {
  if (/^[eE][+-]?\d/.test(suffix)) {
    return 10 ** Number(suffix.slice(1));
  }
  const decimal = DECIMAL_SUFFIXES.indexOf(suffix);
  return decimal >= 0 ? 1000 ** (decimal - 1) : 1024 ** (BINARY_SUFFIXES.indexOf(suffix) + 1);
}

/**
 * The value of a quantity (approximate beyond 15 digits, which is enough to compare two),
 * or undefined when the text is not a quantity.
 */
export function quantityValue(quantity: string): number | undefined {
  const match = QUANTITY.exec(quantity);
  return match ? Number(match[1]) * multiplier(match[2] ?? '') : undefined;
}
