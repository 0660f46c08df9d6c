/**
 * Known failing (held out of `npm test` until fixed; run it with
 * `node --import tsx --test test/property/backtracking.known-failing.ts`):
 * a 100 KB line of one repeated character is analysed in under a second of
 * CPU. It fails on remark's own cost in Markdown: 100,000 "]" (gfm footnote
 * extension, over a minute), "[" (about a second) and ">" (nesting until the
 * stack overflows; the engine then falls back to plain text).
 *
 * Budget: plain text for the punctuation the engine's scanners look at and a
 * few hostile characters, Markdown for the characters Markdown gives a
 * meaning to; each case in a child process with a 3 s deadline.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisChild, describeResult, type TimedCase, type TimedResult } from './support/timedAnalysis';
import { MARKDOWN_SIGNIFICANT, PLAIN_TEXT_SAMPLE, repeatedCharacterCases } from './support/adversarial';

const child = new AnalysisChild();
after(() => child.stop());

/** What a 100 KB line may cost, in CPU time: the bar ("well under a second"). */
const LINE_BUDGET_MS = 1000;
const DEADLINE_MS = 3000;

async function runCases(cases: TimedCase[]): Promise<TimedResult[]> {
  const results: TimedResult[] = [];
  for (const testCase of cases) {
    let result = await child.run(testCase, DEADLINE_MS);
    // One retry for a case over budget: a busy machine should not fail the suite, a quadratic parse fails both times.
    if (!result.timedOut && !result.reply?.error && result.reply!.cpuMs > LINE_BUDGET_MS) result = await child.run(testCase, DEADLINE_MS);
    results.push(result);
  }
  return results;
}

test('a 100 KB line of one repeated character is analysed in under a second', async (t) => {
  const cases = [
    ...repeatedCharacterCases(PLAIN_TEXT_SAMPLE, ['plaintext']),
    ...repeatedCharacterCases(MARKDOWN_SIGNIFICANT, ['markdown']),
  ];
  const results = await runCases(cases);
  const failures = results.filter((r) => r.timedOut || r.reply?.error || r.reply?.invariant || r.reply!.cpuMs > LINE_BUDGET_MS);
  const slowest = results.filter((r) => r.reply && !r.reply.error).sort((a, b) => b.reply!.cpuMs - a.reply!.cpuMs)[0];
  t.diagnostic(`${results.length} lines of 100,000 characters; slowest passing: ${slowest ? describeResult(slowest) : 'none'}`);
  assert.deepEqual(failures.map(describeResult), []);
});
