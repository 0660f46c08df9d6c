/**
 * The footnote checks keep work across analyses: each run's markers (while the run is unchanged),
 * the notes section's entries and the slots' renumber edits (while the section is unchanged), and
 * the answer of each slot's entry check (by the lines it reads). These tests edit what each of
 * those depends on and expect the result of a fresh full analysis every time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../analyze';
import { IncrementalAnalyzer } from '../../incremental';
import { compileTermbase } from '../../match/matcher';
import type { DocumentKind } from '../../types';
import { noteIndex } from './index';
import { apply, indexOf, lint } from './testKit';
import { toSuperscript } from './superscript';

const EMPTY = compileTermbase({ concepts: [], problems: [], files: [] });

/** Analyses `texts` in turn with one incremental analyser: each result must equal a full analysis. */
function editInTurn(texts: string[], kind: DocumentKind = 'plaintext') {
  const analyzer = new IncrementalAnalyzer();
  return texts.map((text) => {
    const incremental = analyzer.analyze(text, { kind }, EMPTY);
    const full = analyze(text, { kind }, EMPTY);
    assert.deepEqual(incremental.findings, full.findings, `incremental equals full for ${JSON.stringify(text)}`);
    const index = noteIndex(incremental.context);
    assert.deepEqual(index.renumber(), noteIndex(full.context).renumber(), 'the renumber fix equals a full analysis');
    return {
      rules: incremental.findings.filter((f) => f.rule.startsWith('footnote/')).map((f) => f.rule),
      markers: index.markers.map((m) => m.number),
      fix: index.renumber(),
    };
  });
}

const NOTES = '\n\nNotes\n\n1. Alpha source, 2020.\n2. Beta source, 2021.\n3. Gamma source, 2022.\n';

test('typing elsewhere keeps the footnote results; a marker typed, changed or removed changes them', () => {
  const body = 'Intro without notes.\n\nFirst claim.¹ Second claim.²\n\nThird claim.³';
  const steps = editInTurn([
    body + NOTES,
    body.replace('Intro', 'Introx') + NOTES, // typed in a run without markers
    body.replace('claim.²', 'claim.⁴') + NOTES, // a marker changed in a run kept before
    body.replace('Intro without notes.', 'Intro.⁵') + NOTES, // a marker typed in a run without one
    body + NOTES,
  ]);
  assert.deepEqual(steps[0]!.rules, []);
  assert.deepEqual(steps[1]!.rules, [], 'clean: typing elsewhere changes nothing');
  assert.deepEqual(steps[2]!.markers, [1, 4, 3]);
  assert.ok(steps[2]!.rules.includes('footnote/missing-note') && steps[2]!.rules.includes('footnote/unused-note'));
  assert.deepEqual(steps[3]!.markers, [5, 1, 2, 3]);
  assert.ok(steps[3]!.rules.includes('footnote/missing-note'));
  assert.deepEqual(steps[4]!.rules, [], 'clean again once the marker is gone');
});

test('a bracketed number in an unchanged run counts as a marker only while the notes list allows it', () => {
  const body = 'A claim [2] and another [30].\n\nFirst claim.¹';
  const numbered = (count: number) => `\n\nNotes\n\n${Array.from({ length: count }, (_, i) => `${i + 1}. Source ${i + 1}.`).join('\n')}\n`;
  const steps = editInTurn([
    body + numbered(2),
    body + '\n\nNotes\n\n- Source 1.\n- Source 2.\n', // bullets: no "[2]" marker
    body + numbered(25), // "[30]" is within ten of the highest number
    body + numbered(2),
  ]);
  assert.deepEqual(steps[0]!.markers, [2, 1], '"[30]" is a year-like number beside a list of two');
  assert.deepEqual(steps[1]!.markers, [1]);
  assert.deepEqual(steps[2]!.markers, [2, 30, 1]);
  assert.deepEqual(steps[3]!.markers, [2, 1]);
});

test('an edit to the notes list changes what the kept list says', () => {
  const body = 'First claim.¹ Second claim.² Third claim.³';
  const steps = editInTurn([
    body + NOTES,
    body + NOTES.replace('Gamma source, 2022.', 'Beta source, 2021.'), // two entries with one text
    body + NOTES.replace('3. Gamma', '4. Gamma'), // a number changed
    body + NOTES,
  ]);
  assert.deepEqual(steps[0]!.rules, []);
  assert.ok(steps[1]!.rules.includes('footnote/duplicate-note') === false, 'short texts are not compared');
  assert.ok(steps[2]!.rules.includes('footnote/missing-note') && steps[2]!.rules.includes('footnote/unused-note'));
  assert.deepEqual(steps[3]!.rules, []);
  const long = 'Long source title that repeats word for word, 2021.';
  const copies = editInTurn([body + NOTES, body + NOTES.replace('Beta source, 2021.', long).replace('Gamma source, 2022.', long)]);
  assert.ok(copies[1]!.rules.includes('footnote/duplicate-note'), 'two entries with one long text are reported');
});

test('a kept notes list is read as the kind of document it stands in', () => {
  // The same lines under the notes heading: Markdown counts "1." "1." "1." by position, plain text reads three numbers 1.
  const section = '\n\n1. Alpha\n1. Beta\n1. Gamma\n';
  const markdown = `A.¹ B.² C.³\n\n## Notes${section}`;
  const plain = `A.¹ B.² C.³\n\nNotes${section}`;
  for (const order of [[markdown, plain], [plain, markdown]]) {
    for (const text of order) {
      const kind = text === markdown ? 'markdown' : 'plaintext';
      const rules = lint(text, kind).map((f) => f.rule);
      if (kind === 'markdown') assert.deepEqual(rules, [], 'clean: a lazy Markdown list');
      else assert.deepEqual(rules, ['footnote/missing-note', 'footnote/duplicate-note', 'footnote/duplicate-note']);
    }
  }
});

test('the kept renumber edits of a notes list follow the citations and the place of the list', () => {
  const list = '\n\nNotes\n\n1. a\n2. b\n3. c\n';
  const texts = ['A.² B.¹ C.³' + list, 'A.¹ B.² C.³' + list, 'A.³ B.¹ C.²' + list, 'Preface.\n\nA.² B.¹ C.³' + list];
  const steps = editInTurn(texts);
  assert.equal(apply(texts[0]!, steps[0]!.fix), 'A.¹ B.² C.³\n\nNotes\n\n1. b\n2. a\n3. c\n');
  assert.equal(steps[1]!.fix, undefined, 'clean: notes cited in order need no renumbering');
  assert.equal(apply(texts[2]!, steps[2]!.fix), 'A.¹ B.² C.³\n\nNotes\n\n1. c\n2. a\n3. b\n');
  assert.equal(apply(texts[3]!, steps[3]!.fix), 'Preface.\n\nA.¹ B.² C.³\n\nNotes\n\n1. b\n2. a\n3. c\n', 'the same edits, moved with the list');
});

test('a kept entry check answers by the lines around the entry, not by the entry alone', () => {
  // Renumbered, slot 1 reads "1.b": alone between blank lines a title (no fix), under a line of text
  // not. The line above is as long in both, blank in one: only its characters tell them apart.
  const alone = 'A.² B.¹\n\nNotes\n\n          \n1.a.\n\n2. b\n';
  const underText = 'A.² B.¹\n\nNotes\n\nSee below.\n1.a.\n\n2. b\n';
  for (const order of [[alone, underText, alone], [underText, alone, underText]]) {
    for (const text of order) {
      assert.deepEqual(indexOf(text).notes.map((n) => n.text), ['a.', 'b']);
      const fix = indexOf(text).renumber();
      if (text === alone) assert.equal(fix, undefined, 'no fix where the entry would become a title');
      else assert.equal(apply(text, fix), 'A.¹ B.²\n\nNotes\n\nSee below.\n1.b\n\n2. a.\n');
    }
  }
  assert.ok(lint(alone).some((f) => f.rule === 'footnote/order'), 'the order is still reported');
});

test('writes superscript numbers the same from its table as by hand', () => {
  for (const n of [1, 9, 10, 42, 2639, 9999, 10_000, 123_456]) {
    const expected = String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
    assert.equal(toSuperscript(n), expected);
    assert.equal(toSuperscript(n), expected, 'asked again');
  }
});
