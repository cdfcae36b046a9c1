/**
 * A number answer as a physician types it: a plain decimal, with the question's unit after it if
 * typed ("92%" for a question in %). The answer itself is the number; anything else is invalid
 * (NaN), since Number() would also take "0x10" or "1e2", and a lab's ">99%" is a range, not a number.
 * Only the form reads typed text: the API takes numbers.
 */
export function typedNumber(text: string, unit: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const bare = unit && trimmed.endsWith(unit) ? trimmed.slice(0, -unit.length).trim() : trimmed;
  return /^\d+(\.\d+)?$/.test(bare) ? Number(bare) : Number.NaN;
}
