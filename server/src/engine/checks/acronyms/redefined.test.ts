import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acronymFindings, applyFix, covered, NO_TERMBASE, onlyFinding } from './testSupport';

const RULE = 'acronym/redefined';

test('reports a second definition with another expansion and points at the first', () => {
  const text = 'The National Science Foundation (NSF) funds labs. The NSF grows. Later the Natural Science Fund (NSF) appears. The NSF again.';
  const finding = onlyFinding(text, RULE, { termbase: NO_TERMBASE });
  assert.equal(finding.message, '"NSF" is defined again as "Natural Science Fund"; it was first defined as "National Science Foundation"');
  assert.equal(covered(text, finding), 'Natural Science Fund (NSF');
  assert.equal(covered(text, finding.related![0]!), 'National Science Foundation (NSF');
  const fixed = applyFix(text, finding);
  assert.equal(fixed, text.replace('Natural Science Fund', 'National Science Foundation'));
  assert.deepEqual(acronymFindings(fixed, RULE, { termbase: NO_TERMBASE }), []);
});

test('stays quiet on a repeated definition that differs only in case, hyphens, quotes or number', () => {
  const text = 'State-owned enterprises (SOEs) dominate. A new "state owned" Enterprise (SOE) spins off. SOEs grow.';
  assert.deepEqual(acronymFindings(text, RULE, { termbase: NO_TERMBASE }), []);
});

test('stays quiet when one definition qualifies the same name', () => {
  const text = [
    'The series is run by the University of California Institute on Global Conflict and Cooperation (IGCC).',
    '',
    'The UC Institute on Global Conflict and Cooperation (IGCC) is a network of researchers across the University of California. The IGCC grows.',
  ].join('\n');
  assert.deepEqual(acronymFindings(text, RULE, { termbase: NO_TERMBASE }), []);
});

test('stays quiet on two forms of one termbase concept', () => {
  const text = 'The Ministry of Science and Technology (MoST) was reformed. The Science and Technology Ministry (MoST) lost staff. The MoST shrank.';
  assert.deepEqual(acronymFindings(text, RULE), []);
});

test('ignores a definition in the notes list', () => {
  const text = 'The National Science Foundation (NSF) funds labs. The NSF grows.\n\n## Notes\n\n1. Natural Science Fund (NSF), annual report.\n';
  assert.deepEqual(acronymFindings(text, RULE, { termbase: NO_TERMBASE }), []);
});

test('offers no "use the first expansion" fix when the termbase expands the acronym otherwise, leaving the fix to expansion-mismatch', () => {
  const text = 'Beijing backs *state-run* firms (SOEs) in steel. Later, small networks (SOEs) shrank. SOEs again.';
  const finding = onlyFinding(text, RULE);
  assert.equal(finding.fixes, undefined);
  const mismatch = acronymFindings(text, 'acronym/expansion-mismatch').find((f) => covered(text, f) === 'small networks');
  assert.ok(mismatch);
  const fixed = applyFix(text, mismatch);
  assert.equal(fixed, 'Beijing backs *state-run* firms (SOEs) in steel. Later, state-owned enterprises (SOEs) shrank. SOEs again.');
  assert.equal(onlyFinding(fixed, RULE).fixes, undefined, 'nothing writes the first expansion back');
});

test('offers no "use the first expansion" fix when the later expansion names another termbase concept: the acronym is the slip', () => {
  const text = 'Beijing backs state-owned enterprises (SOEs). Later the new-style whole-of-nation system (SOE, 新型举国体制) grew. SOEs again.';
  assert.equal(onlyFinding(text, RULE).fixes, undefined);
  const fixed = applyFix(text, onlyFinding(text, 'acronym/expansion-mismatch'));
  assert.equal(fixed, 'Beijing backs state-owned enterprises (SOEs). Later the new-style whole-of-nation system (NSWN, 新型举国体制) grew. SOEs again.');
  assert.deepEqual(acronymFindings(fixed, RULE), []);
});
