import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acronymFindings, applyFix, covered, NO_TERMBASE, onlyFinding } from './testSupport';

const RULE = 'acronym/expansion-mismatch';

test("reports an expansion other than the termbase's and replaces it", () => {
  const text = 'Beijing favours state-operated enterprises (SOEs) in steel. SOEs grow.';
  const finding = onlyFinding(text, RULE);
  assert.equal(finding.message, '"SOE" is expanded here as "state-operated enterprises"; the termbase has "state-owned enterprise"');
  assert.equal(covered(text, finding), 'state-operated enterprises');
  const fixed = applyFix(text, finding);
  assert.equal(fixed, 'Beijing favours state-owned enterprises (SOEs) in steel. SOEs grow.');
  assert.deepEqual(acronymFindings(fixed), []);
});

test('keeps a capital at a sentence start in the replacement', () => {
  const text = 'Central Committee for Financial and Economic Affairs (CCFEA) members met. The CCFEA acted.';
  const fixed = applyFix(text, onlyFinding(text, RULE));
  assert.equal(fixed, 'Central Commission for Financial and Economic Affairs (CCFEA) members met. The CCFEA acted.');
});

test('reports words before a termbase acronym that do not spell it', () => {
  const text = 'Beijing relies on government-run companies (SOEs) in steel. SOEs grow.';
  const finding = onlyFinding(text, RULE);
  assert.equal(covered(text, finding), 'government-run companies');
  assert.deepEqual(acronymFindings(text, 'acronym/undefined'), []);
});

test('accepts the termbase expansion however it is cased, hyphenated, quoted or numbered', () => {
  const text = [
    'State-Owned Enterprises (SOEs) lead.',
    'The "new-style whole-of-nation" system (NSWN, 新型举国体制) returns.',
    'Science, technology and innovation (STI) matter.',
    'Research & development (R&D) grows.',
    'The SOEs, the NSWN, STI and R&D again.',
  ].join(' ');
  assert.deepEqual(acronymFindings(text, RULE), []);
});

test('accepts an admitted form and qualifying words in front of the name', () => {
  const text = 'The Science and Technology Ministry (MoST) shrank; the University of California Institute on Global Conflict and Cooperation (IGCC) grew. MoST and IGCC.';
  assert.deepEqual(acronymFindings(text, RULE), []);
});

test('stays quiet on acronyms the termbase does not know, and in the notes list', () => {
  assert.deepEqual(acronymFindings('The Natural Science Fund (NSF) funds labs. The NSF grows.', RULE), []);
  assert.deepEqual(acronymFindings('Text.\n\n## Notes\n\n1. A report on state-operated enterprises (SOEs).\n', RULE), []);
  assert.deepEqual(acronymFindings('Beijing favours state-operated enterprises (SOEs). SOEs grow.', RULE, { termbase: NO_TERMBASE }), []);
});

test('reports without a fix when the expansion is quoted', () => {
  const text = 'The "new-style national" system (NSWN) returns. The NSWN grows.';
  const finding = onlyFinding(text, RULE);
  assert.equal(finding.fixes, undefined);
});

test('when the words before the acronym name another termbase concept, replaces the acronym, not the name', () => {
  const text = 'The new-style whole-of-nation system (SOE, 新型举国体制) mobilises labs. SOE reform follows.';
  const finding = onlyFinding(text, RULE);
  assert.equal(finding.message, '"SOE" stands here for "new-style whole-of-nation system", which the termbase abbreviates "NSWN"; it expands "SOE" as "state-owned enterprise"');
  const fixed = applyFix(text, finding);
  assert.equal(fixed, 'The new-style whole-of-nation system (NSWN, 新型举国体制) mobilises labs. SOE reform follows.');
  assert.deepEqual(acronymFindings(fixed, RULE), []);
});
