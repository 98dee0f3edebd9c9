import { Size, SizeRoundingBehavior } from 'cdk8s';

const UNITS: Array<[string, (size: Size) => number]> = [
  ['Pi', s => s.toPebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Ti', s => s.toTebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Gi', s => s.toGibibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Mi', s => s.toMebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Ki', s => s.toKibibytes({ rounding: SizeRoundingBehavior.NONE })],
];

/**
 * The Kubernetes quantity of a size, in the largest binary unit that keeps it whole
 * (`10Gi`, `1536Mi`), or undefined when it is not a positive whole number of KiB below
 * 2^53 KiB (8 EiB, the most a quantity of bytes holds), which JavaScript writes exactly.
 */
export function storageQuantity(size: Size): string | undefined {
  const kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isSafeInteger(kib) || kib <= 0) {
    return undefined;
  }
  for (const [suffix, convert] of UNITS) {
    try {
      const amount = convert(size);
      if (amount > 0 && Number.isInteger(amount)) {
        return `${amount}${suffix}`;
      }
    } catch {
      // not a whole number of this unit: try the next smaller one
    }
  }
  return undefined;
}
