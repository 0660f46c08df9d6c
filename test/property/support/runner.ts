/**
 * Runs a named property inside a node:test test: a fixed number of cases
 * (the property's default, or FC_RUNS), a random seed unless FC_SEED is set,
 * and a time limit that stops the run early rather than blow the suite's
 * budget. The number of cases actually run is printed either way.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { runProperty, type NamedProperty } from './properties';

/** A safety valve, not the budget: the default case counts fit well inside it. */
const TIME_LIMIT_MS = 20_000;

export function checkProperty(t: TestContext, property: NamedProperty): void {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  const numRuns = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : property.defaultRuns;
  const outcome = runProperty(property, { numRuns, timeLimitMs: TIME_LIMIT_MS, ...(seed !== undefined ? { seed } : {}) });
  t.diagnostic(`${property.id}: ${outcome.numRuns} cases in ${Math.round(outcome.elapsedMs)} ms (seed ${outcome.seed}; replay with FC_SEED=${outcome.seed})`);
  assert.equal(outcome.failure, undefined, outcome.failure);
}
