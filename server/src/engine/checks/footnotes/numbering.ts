/** Number sequences: which first citations are out of order, runs of numbers, and how to say them. */
import { partitionPoint } from '../../partitionPoint';

/**
 * Marks the members of one longest strictly increasing subsequence of `values`
 * (O(n log n), patience sorting). Only values outside it are out of order, so one
 * early citation of a late note is one finding, not a cascade over every later note.
 */
export function longestIncreasing(values: readonly number[]): boolean[] {
  const tails: number[] = []; // index into values of the smallest tail of each length
  const previous = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const low = partitionPoint(tails.length, (k) => values[tails[k]!]! < value);
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  }
  const isKept = new Array<boolean>(values.length).fill(false);
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) isKept[i] = true;
  return isKept;
}

export interface NumberRange {
  first: number;
  last: number;
}

/** Groups numbers into runs of consecutive values: [3, 4, 5, 9] → 3–5, 9. */
export function toRanges(numbers: Iterable<number>): NumberRange[] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const ranges: NumberRange[] = [];
  for (const n of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last.last === n - 1) last.last = n;
    else ranges.push({ first: n, last: n });
  }
  return ranges;
}

/** "note 4", "notes 4 and 5", "notes 4–9". */
export function describeRange(range: NumberRange): string {
  if (range.first === range.last) return `note ${range.first}`;
  if (range.last === range.first + 1) return `notes ${range.first} and ${range.last}`;
  return `notes ${range.first}–${range.last}`;
}

/** "4", "4 and 5", "4–9". */
export function rangeNumbers(range: NumberRange): string {
  if (range.first === range.last) return String(range.first);
  if (range.last === range.first + 1) return `${range.first} and ${range.last}`;
  return `${range.first}–${range.last}`;
}

/** Whether a label is a note number: digits without a leading zero. */
export function numberOfLabel(label: string): number | undefined {
  return /^[1-9]\d{0,8}$/.test(label) ? Number(label) : undefined;
}
