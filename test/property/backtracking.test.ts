/**
 * No regular expression in the server backtracks catastrophically, and no
 * adversarial line slows the engine down: every regex literal under
 * server/src is scanned over inputs built to make it backtrack, and the worst
 * shapes we could construct for the engine's own code cost it under a second.
 * Users supply no patterns: no regex is built from user input (checked).
 * A 100 KB line of one repeated character, in either kind, costs the engine
 * under a second; in Markdown that holds because `defuseMarkdown`
 * (document/markdown.ts) caps remark's pathological runs.
 *
 * Budget (default suite, about 13 s): regexes on 10,000-character inputs, 12
 * per pattern; the constructed lines at 100 KB in plain text, and those aimed
 * at the Markdown model at 25 KB in Markdown (remark is quadratic on several
 * shapes); the repeated characters (plain text for the punctuation the
 * engine's scanners look at and a few hostile characters, Markdown for the
 * characters Markdown gives a meaning to), about 4 s more. Each analysis
 * runs in a child process with a deadline, so a pathological case fails the
 * test instead of hanging it. `npm run fuzz` runs
 * 100,000-character regex inputs and every constructed line at 100 KB in both
 * kinds.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT } from './support/engine';
import { AnalysisChild, describeResult, type TimedCase, type TimedResult } from './support/timedAnalysis';
import { BOUNDED_PATTERNS, adversarialInputs, isBounded, regexConstructions, regexLiterals } from './support/redos';
import { MARKDOWN_SIGNIFICANT, PLAIN_TEXT_SAMPLE, constructedCases, repeatedCharacterCases } from './support/adversarial';

const child = new AnalysisChild();
after(() => child.stop());

/** What a 100 KB line may cost, in CPU time: the bar ("well under a second"). */
const LINE_BUDGET_MS = 1000;
const DEADLINE_MS = 3000;
/** The constructed lines are held to the engine's share; remark may take its time on a 5,000-entry list. */
const CONSTRUCTED_DEADLINE_MS = 15_000;

async function runCases(cases: TimedCase[], deadlineMs: number): Promise<TimedResult[]> {
  const results: TimedResult[] = [];
  for (const testCase of cases) {
    let result = await child.run(testCase, deadlineMs);
    // One retry for a case over budget: a busy machine should not fail the suite, a quadratic parse fails both times.
    if (!result.timedOut && !result.reply?.error && result.reply!.cpuMs > LINE_BUDGET_MS) result = await child.run(testCase, deadlineMs);
    results.push(result);
  }
  return results;
}

test('no regular expression is built from user input: users supply no patterns', () => {
  assert.ok(regexLiterals(ROOT, ['server/src', 'client/src']).length > 50, 'the regex literals were found');
  // A copy of a constant pattern (`new RegExp(NOT_PROSE.source, flags)`) is fine; anything else could carry user text.
  const dynamic = regexConstructions(ROOT, ['server/src', 'client/src']).filter((c) => !c.isFromLiteral);
  assert.deepEqual(dynamic.map((c) => `${c.file}:${c.line}: ${c.text}`), []);
});

test('every regular expression in the server scans adversarial inputs in linear time', async (t) => {
  const sites = regexLiterals(ROOT, ['server/src']);
  const length = 10_000;
  // A linear scan of 10,000 characters takes well under a millisecond; a quadratic one, tens to hundreds.
  const budgetMs = 25;
  const slow: string[] = [];
  let inputs = 0;
  let checked = 0;
  for (const site of sites) {
    if (isBounded(site)) continue;
    const cases = adversarialInputs(site, length, 12, 2);
    inputs += cases.length;
    checked++;
    let reply = await child.scan(site.source, site.flags, cases, DEADLINE_MS);
    if (typeof reply !== 'string' && reply.worstMs > budgetMs) reply = await child.scan(site.source, site.flags, cases, DEADLINE_MS);
    const where = `${site.file}:${site.line} /${site.source}/${site.flags}`;
    if (reply === 'timeout') slow.push(`${where}: still scanning after ${DEADLINE_MS} ms`);
    else if (typeof reply === 'string') slow.push(`${where}: ${reply}`);
    else if (reply.error) slow.push(`${where}: ${reply.error}`);
    else if (reply.worstMs > budgetMs) slow.push(`${where}: ${Math.round(reply.worstMs)} ms on ${JSON.stringify(cases[reply.worstInput]!.slice(0, 40))}… (${length} chars)`);
  }
  t.diagnostic(`${checked} patterns (${sites.length - checked} with bounded input), ${inputs} inputs of ${length} characters`);
  assert.deepEqual(slow, []);
});

test('the bounded patterns are fast at their bound', async (t) => {
  const sites = regexLiterals(ROOT, ['server/src']).filter(isBounded);
  assert.equal(new Set(sites.map((s) => `${s.file} ${s.source}`)).size, BOUNDED_PATTERNS.length, 'every bounded pattern still exists');
  const slow: string[] = [];
  for (const site of sites) {
    const reply = await child.scan(site.source, site.flags, adversarialInputs(site, 400, 40, 4), DEADLINE_MS);
    if (typeof reply === 'string') slow.push(`${site.file}:${site.line}: ${reply}`);
    else if (reply.worstMs > 5) slow.push(`${site.file}:${site.line}: ${Math.round(reply.worstMs)} ms on a 400-character input`);
  }
  t.diagnostic(`${sites.length} bounded patterns checked at 400 characters`);
  assert.deepEqual(slow, []);
});

test('the worst lines we could construct for the engine cost its own code under a second', async (t) => {
  const cases: TimedCase[] = [
    ...constructedCases(100_000).map(({ label, text }) => ({ label, kind: 'plaintext' as const, text })),
    ...constructedCases(25_000)
      .filter((c) => c.isMarkdownSpecific)
      .map(({ label, text }) => ({ label, kind: 'markdown' as const, text })),
  ];
  const results = await runCases(cases, CONSTRUCTED_DEADLINE_MS);
  // The engine's own share, scaled to the input's size; the Markdown parser's time is reported, not held to this budget.
  const budgetOf = (r: TimedResult) => (LINE_BUDGET_MS * (r.reply?.length ?? 0)) / 100_000;
  const failures = results.filter((r) => r.timedOut || r.reply?.error || r.reply?.invariant || r.reply!.engineMs > budgetOf(r));
  for (const r of results) if (r.reply && r.reply.parseMs > LINE_BUDGET_MS) t.diagnostic(`slow Markdown parse: ${describeResult(r)}`);
  t.diagnostic(`${results.length} constructed lines (100 KB in plain text, 25 KB in Markdown)`);
  assert.deepEqual(failures.map(describeResult), []);
});

test('a 100 KB line of one repeated character is analysed in under a second', async (t) => {
  const cases = [
    ...repeatedCharacterCases(PLAIN_TEXT_SAMPLE, ['plaintext']),
    ...repeatedCharacterCases(MARKDOWN_SIGNIFICANT, ['markdown']),
  ];
  const results = await runCases(cases, DEADLINE_MS);
  const failures = results.filter((r) => r.timedOut || r.reply?.error || r.reply?.invariant || r.reply!.cpuMs > LINE_BUDGET_MS);
  const slowest = results.filter((r) => r.reply && !r.reply.error).sort((a, b) => b.reply!.cpuMs - a.reply!.cpuMs)[0];
  t.diagnostic(`${results.length} lines of 100,000 characters; slowest passing: ${slowest ? describeResult(slowest) : 'none'}`);
  assert.deepEqual(failures.map(describeResult), []);
});
