/**
 * No fix loses text: every fix, alone or all together, changes only the text
 * in its edits' ranges (checked against the edits, byte for byte), never
 * rewrites code, URLs, HTML or front matter, and re-analysis no longer reports
 * what it fixed at the fixed place. "Fix all" converges and is idempotent;
 * renumbering keeps each note with its marker and is idempotent.
 *
 * Budget: 100 + 80 + 150 generated briefs (about 8 s); `npm run fuzz` runs more.
 * The example tests at the end are counterexamples the fuzz runs found, minimised
 * and fixed: a note whose text is, or cites, a marker; an acronym glossed with
 * another concept's hanzi; a redefined acronym whose first expansion has emphasis
 * inside; term/inconsistent's preferred-form fix; a notes list hidden by an
 * unclosed HTML comment; GFM definitions beside a hand-numbered list; a note
 * that opens a comment closing below it; a bullet counted on to a number another
 * entry carries; a foot line whose markers would move into the notes section; a
 * bracket or plain digit that renumbering would make a marker; a GFM definition
 * renumbered onto uncalled text; ranges; the block structure of a notes list.
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

test('a note that cites another note is renumbered without two edits on one marker', () => {
  // Minimised from a fuzz counterexample (seed 1024366741): "⁸ ⁷" opens a line, so it is both
  // a notes entry and a marker inside that entry's text; renumbering wrote [2, 3) twice.
  const text = '⁸ ⁷\n\nEndnotes\n7. ';
  analyzeChecked(text, { kind: 'plaintext' });
  checkRenumber({ kind: 'plaintext', text });
});

test('fix all settles on an acronym glossed with the hanzi of another concept', () => {
  // Minimised from a fuzz counterexample (seed 1024366745): acronym/expansion-mismatch rewrites the
  // English to "gross domestic product", then term/mismatch rewrites it back to match 新型举国体制.
  const text = 'The new-style whole-of-nation system (GDP, 新型举国体制) and GDP.';
  const result = fixAllToFixpoint(text, { kind: 'markdown' }, bundledTermbase());
  assert.ok(result.isConverged, `fix all keeps changing the text:\n${result.history.slice(0, 4).join('\n')}`);
});

test('renumbering keeps a note whose text is a marker', () => {
  // Minimised from a fuzz counterexample (seed 1024366746): "⁸ ¹" is note 8, whose text cites note 1;
  // after renumbering, the line reads "¹ " and note 8 is gone.
  checkRenumber({ kind: 'plaintext', text: '⁸ ¹\n\nEndnotes\n1. ' });
});

test('fix all settles on a redefined acronym whose first expansion has emphasis inside', () => {
  // Minimised from a fuzz counterexample (second run): "SoY-E" and "State-owned enterprise" alternate for ever.
  const text = 'So*Y-E*(SOE)s n(SOE)';
  const result = fixAllToFixpoint(text, { kind: 'markdown' }, bundledTermbase());
  assert.ok(result.isConverged, `fix all keeps changing the text:\n${result.history.slice(0, 5).join('\n')}`);
});

test('each fix of term/inconsistent resolves the inconsistency it reports', () => {
  // Minimised from a fuzz counterexample (second run): both renderings are admitted variants.
  const text = 'The synergies between industry, universities, and public research institutes grew, and industry-academia-research integration too.';
  const analysis = analyzeChecked(text, { kind: 'plaintext' });
  const finding = analysis.findings.find((f) => f.rule === 'term/inconsistent');
  assert.ok(finding?.fixes?.length, 'the later rendering is reported with fixes');
  for (const fix of finding.fixes) checkFixAlone(text, { kind: 'plaintext' }, analysis, finding, fix);
});

test('renumbering leaves alone a notes list that an unclosed HTML comment hides', () => {
  // Minimised from a fuzz counterexample (second run): everything after "<!--" is not prose, yet its "5." is renumbered.
  const text = '¹<!--\n\nEndnotes\n5. 2\n5.';
  const analysis = analyzeChecked(text, { kind: 'plaintext' });
  for (const finding of analysis.findings) for (const fix of finding.fixes ?? []) checkFixAlone(text, { kind: 'plaintext' }, analysis, finding, fix);
});

test('renumbering GFM definitions beside a hand-numbered list keeps every note text', () => {
  // Minimised from a fuzz counterexample (second run).
  checkRenumber({ kind: 'markdown', text: '¹ .\n[^0]:.\n² e\n\n²' });
});

test('renumbering never moves half of a comment that a note opens', () => {
  // Minimised from a fuzz counterexample (seed 101356349): note 2's text "<!--" closes on the hidden line
  // "2.-->"; moved to slot 1 it hid note 1 ("a"), and so did a comment never closed.
  checkRenumber({ kind: 'plaintext', text: 'a² b¹\n\nNotes\n1. a\n2.<!--\n2.-->' });
  checkRenumber({ kind: 'plaintext', text: 'a² b¹\n\nNotes\n1. a\n2.<!--' });
});

test('renumbering leaves alone a list whose bullet is counted on to a number another entry carries', () => {
  // Minimised from a fuzz counterexample (seed -494672833): "• c" after "2. b" is note 3, as is "3. a";
  // one renumbering wrote "2." twice, and a second one changed the second "2." to "3.".
  checkRenumber({ kind: 'markdown', text: '^1^\n\n# Notes\n\n3. a\n2. b\n• c' });
  checkRenumber({ kind: 'plaintext', text: '¹\n\nNotes\n3. a\n2. b\n• c' });
});

test('renumbering keeps the markers of a foot line, which count only outside the notes section', () => {
  // Minimised from a fuzz counterexample (seed -494672834): a foot line glued to the body text after it
  // moved under "Endnotes", where its markers are no markers; and the reverse, and foot lines swapped.
  checkRenumber({ kind: 'plaintext', text: 'A.¹\n\n⁸ Glued text.¹\n\nEndnotes\n1. a' });
  checkRenumber({ kind: 'plaintext', text: 'A.² B.¹\n\n¹ Smith.\n\nNotes\n2. Jones, as in note³.\n3. c' });
  checkRenumber({ kind: 'plaintext', text: 'A.² B.¹\n\n¹ Smith³\n² Jones⁴\n³ c\n⁴ d' });
});

test('renumbering never turns a bracketed number into a marker by numbering a list of bullets', () => {
  // Minimised from a fuzz counterexample (seed 867235383): "[1]" is no marker beside a list of bullets,
  // but renumbering wrote "2." on the bullet, and beside a numbered list "[1]" is one.
  checkRenumber({ kind: 'plaintext', text: 'x [1] ^{2,1}\n\nNotes\n\n* a' });
});

test('renumbering never turns a plain digit into a stray marker by freeing its number', () => {
  // Minimised from a fuzz counterexample (seed 177362185): ").4" is no stray while "⁴" holds note 4;
  // renumbered to "¹", note 4 is free and the plain "4" reads as its marker.
  checkRenumber({ kind: 'plaintext', text: 'A.² B).2\n\nNotes\n1. a\n2. b' });
  checkRenumber({ kind: 'plaintext', text: 'A.⁴ B.² C.³ D).4\n\nNotes\n1. a\n2. b\n3. c\n4. d' });
});

test('renumbering a GFM definition never turns text that reads as no call into a call', () => {
  // Minimised from a fuzz counterexample (seed 1460410581): a paragraph with "secure.www…" is not read as prose,
  // so its "[^2]" is no call; renumbering the uncited [^3] to [^2] made it one.
  checkRenumber({ kind: 'markdown', text: 'A.[^1]\n\nB secure.www.example.org/x b.[^2]\n\n[^1]: a\n[^3]: b\n' });
});

test('renumbering keeps ranges and reversed ranges what they are', () => {
  // Minimised by a focused fuzz run of notes lists: "²⁻¹" (its ends only) renumbered to "¹⁻³" cited note 2 as well.
  checkRenumber({ kind: 'markdown', text: '^{2,3} ²⁻¹\n\nNotes\n\n' });
  checkRenumber({ kind: 'plaintext', text: 'A.³ B.¹ C.³⁻⁴\n\nNotes\n\n1. a\n2. b\n3. c\n4. d\n' });
});

test('renumbering a Markdown notes list keeps its block structure', () => {
  // Minimised by a focused fuzz run of notes lists: a heading inside a list item moved out of the notes section;
  // numbering "* # h" or an empty "- " changed what is a heading; half a comment met its other half.
  checkRenumber({ kind: 'markdown', text: '\n² a\n\n\n# Notes\n\n- # h\n1. see³\n' });
  checkRenumber({ kind: 'markdown', text: '\n³ \n\n\n# Notes\n\n- \n\nhttp://y\n* # h\n\nSummary\n\n\n³ \n' });
  checkRenumber({ kind: 'markdown', text: '¹⁰\n\n# Notes\n\n9. \n- \na\n' });
  checkRenumber({ kind: 'markdown', text: '^{1,3}\n\n# Notes\n\n1. \n\nhttp://y\n- \n' });
  checkRenumber({ kind: 'markdown', text: '^10^\n\n# Notes\n\n1. a -->\n(9) a\n1. a <!-- x\n' });
});

test('renumbering a plain-text notes list keeps every entry an entry', () => {
  // Found while fixing the above: "(7) c" after "- " reads as note 7; "1.b" alone between blank lines is a heading;
  // "5 km¹" renumbered to "5 km²" is a unit.
  checkRenumber({ kind: 'plaintext', text: 'A.¹ B.³ C.²\n\nNotes\n1. a\n- b\n3. (7) c' });
  checkRenumber({ kind: 'plaintext', text: 'A.² B.¹\n\nNotes\n\n1.a.\n\n2. b\n' });
  checkRenumber({ kind: 'plaintext', text: 'Rose.² It is 5 km¹ long.\n\nNotes\n1. a\n2. b' });
});

test('renumbering never turns a caret marker into a GFM call, nor moves a marker past one', () => {
  // Minimised from a fuzz counterexample (seed -1298435454): with a leading BOM, "[^4]" reads as a caret marker;
  // renumbered to "[^2]" beside "[^2]: …" it became a GFM call. The second from a focused fuzz run of notes lists.
  checkRenumber({ kind: 'markdown', text: '\ufeffA.¹[^4]\n\n[^2]: y\n' });
  checkRenumber({ kind: 'markdown', text: '\n¹ see³\n [^1] \n³ a\n\n\nNotes\n\n' });
});

test('renumbering never moves a note text that holds a GFM call', () => {
  // Minimised by a focused fuzz run of notes lists: the manual and GFM systems both edited "[^2]" inside the moved text.
  checkRenumber({ kind: 'markdown', text: '\n⁵ \n Claim. [^2]\n\n# Notes\n\n1.a\n5) a\n\nSummary\n\n\n⁵ \n Claim. [^2]' });
});

test('renumbering a Markdown list never writes a number in place of a bullet', () => {
  // Minimised by a focused fuzz run of notes lists: "+ a" numbered "³ a" joined the GFM definition above it.
  checkRenumber({ kind: 'markdown', text: '\n² a\n ^{2,1}\n\n# Notes\n\n[^1]: a\n+ a\n' });
});
