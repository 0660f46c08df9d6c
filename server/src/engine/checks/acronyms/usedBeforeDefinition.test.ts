import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acronymFindings, applyFix, assertNoWordLost, covered, NO_TERMBASE, onlyFinding } from './testSupport';

const RULE = 'acronym/used-before-definition';

test('reports the first use before the definition and points at the definition', () => {
  const text = 'Xi spoke before the CCFEA. Later the Central Commission for Financial and Economic Affairs (CCFEA) was told to act.';
  const finding = onlyFinding(text, RULE);
  assert.equal(finding.start, text.indexOf('CCFEA'));
  assert.equal(finding.message, '"CCFEA" is used before its definition as "Central Commission for Financial and Economic Affairs"');
  assert.equal(finding.related?.length, 1);
  assert.equal(finding.related![0]!.start, text.lastIndexOf('CCFEA'));
  assert.deepEqual(acronymFindings(text, 'acronym/undefined'), []);
  assert.deepEqual(acronymFindings(text, 'acronym/unused'), [], 'the acronym is used, only too early');
});

test('moves the definition to the first use in one fix', () => {
  const text = 'Xi spoke before the CCFEA. Later the Central Commission for Financial and Economic Affairs (CCFEA) was told to act.';
  const finding = onlyFinding(text, RULE);
  assert.equal(finding.fixes?.[0]?.edits.length, 2);
  const fixed = applyFix(text, finding);
  assert.equal(fixed, 'Xi spoke before the Central Commission for Financial and Economic Affairs (CCFEA). Later the CCFEA was told to act.');
  assert.deepEqual(acronymFindings(fixed), []);
  assertNoWordLost(text, fixed);
});

test('moves quotes and hanzi with the definition', () => {
  const text = 'The NSWN matters. The "new-style whole-of-nation" system (NSWN, 新型举国体制) is back.';
  const fixed = applyFix(text, onlyFinding(text, RULE));
  assert.equal(fixed, 'The "new-style whole-of-nation" system (NSWN, 新型举国体制) matters. The NSWN is back.');
  assert.deepEqual(acronymFindings(fixed), []);
  assertNoWordLost(text, fixed);
});

test('moves an "ACR (Full Name)" definition as "Full Name (ACR)"', () => {
  const text = 'Before the CCFEA met, the CCFEA (Central Commission for Financial and Economic Affairs, 中央财经委员会) set goals.';
  const fixed = applyFix(text, onlyFinding(text, RULE));
  assert.equal(fixed, 'Before the Central Commission for Financial and Economic Affairs (CCFEA, 中央财经委员会) met, the CCFEA set goals.');
  assert.deepEqual(acronymFindings(fixed), []);
  assertNoWordLost(text, fixed);
});

test('fits number and case to the first use', () => {
  const text = 'SOEs dominate steel. Any state-owned enterprise (SOE) may apply.';
  const fixed = applyFix(text, onlyFinding(text, RULE));
  assert.equal(fixed, 'State-owned enterprises (SOEs) dominate steel. Any SOE may apply.');
  assert.deepEqual(acronymFindings(fixed), []);
  const text2 = 'Firms such as the SOE lag. State-owned enterprises (SOEs) dominate steel.';
  assert.equal(applyFix(text2, onlyFinding(text2, RULE)), 'Firms such as the state-owned enterprise (SOE) lag. SOEs dominate steel.');
});

test('counts the uses before the definition', () => {
  const text = 'The MIIT and the MIIT again. The Ministry of Industry and Information Technology (MIIT) acts. The MIIT agrees.';
  assert.match(onlyFinding(text, RULE, { termbase: NO_TERMBASE }).message, /\(2 uses before it\)$/);
});

test('stays quiet when the definition comes first', () => {
  const text = 'The Central Commission for Financial and Economic Affairs (CCFEA) met. The CCFEA acted.';
  assert.deepEqual(acronymFindings(text), []);
});

test('does not count a heading or an all-caps line before the definition as a use', () => {
  const text = '# The CCFEA and its reach\n\nTHE CCFEA AT WORK\n\nThe Central Commission for Financial and Economic Affairs (CCFEA) met. The CCFEA acted.\n';
  assert.deepEqual(acronymFindings(text, RULE), []);
});

test('stays quiet on an allowed acronym used before its definition', () => {
  const text = 'GDP grew. The gross domestic product (GDP) of China rose.';
  assert.deepEqual(acronymFindings(text, RULE, { termbase: NO_TERMBASE }), []);
});

test('reports without a fix when the definition spans markup', () => {
  const text = 'The SOE lags. The *state-owned* enterprise (SOE) leads.';
  const finding = onlyFinding(text, RULE);
  assert.equal(covered(text, finding), 'SOE');
  assert.equal(finding.fixes, undefined);
});

test('round-trips the move in Markdown with CRLF line ends and a list', () => {
  const text = '# Firms\r\n\r\n- SOEs dominate steel.\r\n- A state-owned enterprise (SOE)\r\n  may borrow.\r\n';
  const fixed = applyFix(text, onlyFinding(text, RULE));
  assert.equal(fixed, '# Firms\r\n\r\n- State-owned enterprises (SOEs) dominate steel.\r\n- A SOE\r\n  may borrow.\r\n');
  assert.deepEqual(acronymFindings(fixed), []);
});
