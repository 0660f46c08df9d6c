/**
 * The fixed hostile documents of issue 7, each analysed in a child process
 * with a deadline: the engine must not throw, and every range must lie inside
 * the document. A 5 MB single line (plain text; Markdown at 200 KB here and
 * 5 MB in `npm run fuzz`, as remark needs minutes for 5 MB of one line),
 * Markdown nested 1,000 deep (and block quotes 5,000 deep),
 * 10,000 footnotes (plain text; 2,000 in Markdown here, 10,000 in the fuzz
 * run), 200 KB of random bytes decoded as UTF-8 and Latin-1, and every UTF-16
 * code unit. Budget: about 20 s.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisChild, describeResult } from './support/timedAnalysis';
import { edgeCaseDocuments } from './support/adversarial';

const child = new AnalysisChild();
after(() => child.stop());

/** Generous: these are about not throwing, not about speed (the speed bars are in backtracking.test.ts). */
const DEADLINE_MS = 60_000;

test('the hostile documents of issue 7 are analysed without throwing, with every range inside the document', async (t) => {
  const failures: string[] = [];
  for (const testCase of edgeCaseDocuments(false)) {
    const result = await child.run(testCase, DEADLINE_MS);
    t.diagnostic(describeResult(result));
    if (result.timedOut || result.reply?.error || result.reply?.invariant) failures.push(describeResult(result));
  }
  assert.deepEqual(failures, []);
});
