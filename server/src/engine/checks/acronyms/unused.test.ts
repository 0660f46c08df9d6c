import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acronymFindings, applyFix, assertNoWordLost, covered, NO_TERMBASE, onlyFinding } from './testSupport';

const RULE = 'acronym/unused';

test('hints at a definition never used again and removes the acronym', () => {
  const text = 'Xi told the Central Commission for Financial and Economic Affairs (CCFEA) that industry matters.';
  const finding = onlyFinding(text, RULE);
  assert.equal(finding.severity, 'hint');
  assert.equal(covered(text, finding), 'CCFEA');
  assert.equal(finding.message, '"CCFEA" is defined but never used again: the acronym is not needed');
  const fixed = applyFix(text, finding);
  assert.equal(fixed, 'Xi told the Central Commission for Financial and Economic Affairs that industry matters.');
  assert.deepEqual(acronymFindings(fixed), []);
  assertNoWordLost(text, fixed, ['CCFEA']);
});

test('keeps the hanzi when it removes the acronym', () => {
  for (const [paren, kept] of [['(NSWN, 新型举国体制)', '(新型举国体制)'], ['(新型举国体制，NSWN)', '(新型举国体制)']] as const) {
    const text = `The new-style whole-of-nation system ${paren} is back.`;
    const fixed = applyFix(text, onlyFinding(text, RULE));
    assert.equal(fixed, `The new-style whole-of-nation system ${kept} is back.`);
    assert.deepEqual(acronymFindings(fixed), []);
  }
});

test('turns "ACR (Full Name)" into the full name', () => {
  const text = 'Xi told the CCFEA (Central Commission for Financial and Economic Affairs) to act.';
  const fixed = applyFix(text, onlyFinding(text, RULE));
  assert.equal(fixed, 'Xi told the Central Commission for Financial and Economic Affairs to act.');
  assert.deepEqual(acronymFindings(fixed), []);
});

test('stays quiet when the acronym is used later, in the plural, the possessive, a heading or the notes', () => {
  const defined = 'The Mercator Institute for China Studies (MERICS) hosts the series.';
  for (const later of ['The MERICS team agrees.', "MERICS's view differs.", '# About MERICS', '## Notes\n\n1. MERICS report, 2021.']) {
    assert.deepEqual(acronymFindings(`${defined}\n\n${later}\n`, RULE, { termbase: NO_TERMBASE }), [], later);
  }
  assert.deepEqual(acronymFindings('State-owned enterprises (SOEs) lead. Each SOE grows.', RULE), []);
});

test('stays quiet when the acronym is used only before its definition', () => {
  const text = 'The CCFEA met. The Central Commission for Financial and Economic Affairs (CCFEA) acted.';
  assert.deepEqual(acronymFindings(text, RULE), []);
  assert.equal(acronymFindings(text, 'acronym/used-before-definition').length, 1);
});

test('hints at an allowed acronym defined for nothing', () => {
  const text = 'Manufacturing fell as a share of gross domestic product (GDP) in 2020.';
  assert.equal(covered(text, onlyFinding(text, RULE, { termbase: NO_TERMBASE })), 'GDP');
});
