import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { partitionPoint } from './partitionPoint';

test('finds the first index where a prefix predicate turns false, at both ends too', () => {
  const values = [1, 3, 3, 5, 8];
  assert.equal(partitionPoint(values.length, (i) => values[i]! < 3), 1);
  assert.equal(partitionPoint(values.length, (i) => values[i]! <= 3), 3);
  assert.equal(partitionPoint(values.length, (i) => values[i]! < 0), 0);
  assert.equal(partitionPoint(values.length, (i) => values[i]! < 100), 5);
  assert.equal(partitionPoint(0, () => true), 0);
});

test('agrees with a linear search on any sorted list', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (raw, target) => {
      const values = [...raw].sort((a, b) => a - b);
      const linear = values.findIndex((v) => v >= target);
      assert.equal(partitionPoint(values.length, (i) => values[i]! < target), linear < 0 ? values.length : linear);
    }),
  );
});
