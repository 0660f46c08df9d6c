/**
 * The first index in [0, count) at which `isBefore` is false, for a predicate
 * that holds on a prefix of the indices and not after it: a binary search.
 * Returns `count` when it holds everywhere.
 */
export function partitionPoint(count: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isBefore(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
