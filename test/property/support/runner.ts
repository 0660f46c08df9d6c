/**
 * Runs a named property inside a node:test test: a fixed number of cases
 * (the property's default, or FC_RUNS) and a time limit that stops the run
 * early rather than blow the suite's budget. The number of cases actually run
 * is printed either way.
 *
 * The seed is fixed per property (derived from its id), so `npm test` is
 * deterministic: a red run is a change in the code, not a roll of the dice.
 * Exploring new cases is `npm run fuzz`'s job; FC_SEED=<n> replays a seed and
 * FC_SEED=random draws one here too.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { runProperty, type NamedProperty } from './properties';

/** A safety valve, not the budget: the default case counts fit well inside it. */
const TIME_LIMIT_MS = 20_000;

/** A stable 32-bit seed from a property id (FNV-1a). */
export function seedOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash | 0;
}

export function seedFor(id: string): number | undefined {
  const requested = process.env.FC_SEED;
  if (requested === 'random') return undefined;
  return requested ? Number(requested) : seedOf(id);
}

export function checkProperty(t: TestContext, property: NamedProperty): void {
  const seed = seedFor(property.id);
  const numRuns = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : property.defaultRuns;
  const outcome = runProperty(property, { numRuns, timeLimitMs: TIME_LIMIT_MS, ...(seed !== undefined ? { seed } : {}) });
  t.diagnostic(`${property.id}: ${outcome.numRuns} cases in ${Math.round(outcome.elapsedMs)} ms (seed ${outcome.seed}; replay with FC_SEED=${outcome.seed})`);
  assert.equal(outcome.failure, undefined, outcome.failure);
}
