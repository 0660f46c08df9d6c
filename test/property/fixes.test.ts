/**
 * No fix loses text: every fix, alone or all together, changes only the text
 * in its edits' ranges (checked against the edits, byte for byte), never
 * rewrites code, URLs, HTML or front matter, and re-analysis no longer reports
 * what it fixed at the fixed place. "Fix all" converges and is idempotent;
 * renumbering keeps each note with its marker and is idempotent.
 *
 * Budget: 100 + 80 + 150 generated briefs (about 8 s); `npm run fuzz` runs more.
 * (Three corner cases the fuzz run found: fixes.known-failing.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/index';
import { analyzeChecked, assertOnlyEditedRangesChanged, bundledTermbase, fixAllToFixpoint, mapOffset } from './support/engine';
import { checkFixAlone, checkRenumber, findProperty } from './support/properties';
import { checkProperty } from './support/runner';
import { sampleBriefs } from './support/arbitraries';

for (const id of ['fixes/each-alone', 'fixes/fix-all', 'fixes/renumber']) {
  const property = findProperty(id);
  test(property.claim, (t) => checkProperty(t, property));
}

test('the oracle catches a fix that changes text outside its range', () => {
  const before = 'The NWNS grew.';
  assert.throws(() => assertOnlyEditedRangesChanged(before, 'The NSWN grew!', [{ start: 4, end: 8, newText: 'NSWN' }], 'test'), /after the last edit changed/);
  assert.throws(() => assertOnlyEditedRangesChanged(before, 'The NSWN grew.', [{ start: 4, end: 8, newText: 'NSWM' }], 'test'), /did not write its newText/);
  assert.doesNotThrow(() => assertOnlyEditedRangesChanged(before, 'The NSWN grew.', [{ start: 4, end: 8, newText: 'NSWN' }], 'test'));
});

test('offsets map through edits: before, inside and after an edit, and at an insertion', () => {
  const edits = [{ start: 4, end: 8, newText: 'new-style whole-of-nation system' }];
  assert.equal(mapOffset(edits, 2, 'start'), 2);
  assert.equal(mapOffset(edits, 6, 'start'), 4);
  assert.equal(mapOffset(edits, 6, 'end'), 36);
  assert.equal(mapOffset(edits, 10, 'end'), 38);
  const insertion = [{ start: 4, end: 4, newText: 'abc' }];
  assert.equal(mapOffset(insertion, 4, 'start'), 4);
  assert.equal(mapOffset(insertion, 4, 'end'), 7);
});

test('every fix of our sample briefs, and of their CRLF versions, passes alone', () => {
  let fixes = 0;
  for (const sample of sampleBriefs()) {
    for (const text of [sample.text, sample.text.replace(/\n/g, '\r\n')]) {
      const options = { kind: sample.kind };
      const analysis = analyzeChecked(text, options);
      for (const finding of analysis.findings) {
        for (const fix of finding.fixes ?? []) {
          checkFixAlone(text, options, analysis, finding, fix);
          fixes++;
        }
      }
    }
  }
  assert.ok(fixes >= 10, `the samples offer fixes (${fixes})`);
});

test('fix all on our sample briefs converges and keeps the text outside its edits', () => {
  for (const sample of sampleBriefs()) {
    const result = fixAllToFixpoint(sample.text, { kind: sample.kind }, bundledTermbase());
    assert.ok(result.isConverged, `${sample.kind} sample converges`);
    assert.ok(result.passes >= 1, 'something was fixed');
    assert.equal(fixAllToFixpoint(result.text, { kind: sample.kind }, bundledTermbase()).text, result.text);
  }
});

test('a superscript at the start of a Markdown paragraph is renumbered by one edit, not two overlapping ones', () => {
  // Minimised by fast-check from the renumber and fix-all properties.
  checkRenumber({ kind: 'markdown', text: '²\n' });
  const analysis = analyzeChecked('²\n', { kind: 'markdown' });
  for (const finding of analysis.findings) for (const fix of finding.fixes ?? []) assert.equal(applyEdits('²\n', fix.edits), '¹\n');
});

test('renumbering moves a note whose text is a URL, URL and all', () => {
  // Minimised from a fuzz counterexample (seed 1024366744): the URL moves to the note's new slot.
  const text = '⁷\n\nEndnotes\n2. \n7.http://';
  checkRenumber({ kind: 'plaintext', text });
  const analysis = analyzeChecked(text, { kind: 'plaintext' });
  for (const finding of analysis.findings) for (const fix of finding.fixes ?? []) checkFixAlone(text, { kind: 'plaintext' }, analysis, finding, fix);
});
