import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { main } from '../../../cli';
import type { DocumentKind } from '../../types';
import { RENUMBER_TITLE } from './analysis';
import { apply, indexOf, lint, rules } from './testKit';

const sup = (n: number) => String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
const NUMBERING = ['footnote/order', 'footnote/gap'];

/** The note text each citation shows, citation by citation in document order. */
function citedTexts(text: string, kind: DocumentKind = 'plaintext'): Array<string | undefined> {
  const index = indexOf(text, kind);
  return index.markers.map((m) => index.noteOf(m)?.text);
}

/** Renumbers, then checks the promises of the fix: no numbering finding, texts beside their citations, idempotent. */
function renumberAndCheck(text: string, kind: DocumentKind = 'plaintext'): string {
  const fix = indexOf(text, kind).renumber();
  assert.ok(fix, 'a renumber fix is offered');
  assert.equal(fix.isPreferred, true);
  const after = apply(text, fix);
  assert.deepEqual(lint(after, kind).filter((f) => NUMBERING.includes(f.rule)), [], 'no numbering finding after renumbering');
  assert.deepEqual(citedTexts(after, kind), citedTexts(text, kind), 'every citation shows the same note text');
  assert.equal(indexOf(after, kind).renumber(), undefined, 'renumbering twice changes nothing');
  return after;
}

test('renumbers superscript markers and the numbered list together, moving each text with its marker', () => {
  const text = 'Brief\n\nA.² B.¹ C.³\n\nNotes\n\n1. Alpha.\n2. Beta.\n3. Gamma.\n';
  assert.equal(renumberAndCheck(text), 'Brief\n\nA.¹ B.² C.³\n\nNotes\n\n1. Beta.\n2. Alpha.\n3. Gamma.\n');
});

test('nothing to renumber when the notes are in order', () => {
  assert.equal(indexOf('Brief\n\nA.¹ B.² A again.¹\n\nNotes\n\n1. a\n2. b\n').renumber(), undefined);
});

test('writes superscript digits back, numbers ≥ 10 included, and closes a gap', () => {
  const body = Array.from({ length: 9 }, (_, i) => `S${i + 1}.${sup(i + 1)}`).join(' ') + ' S11.¹¹ S12.¹²';
  const notes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12].map((n) => `${n}. Note ${n}.`).join('\n');
  const after = renumberAndCheck(`Brief\n\n${body}\n\nNotes\n\n${notes}\n`);
  assert.match(after, /S11\.¹⁰ S12\.¹¹/);
  assert.match(after, /\n10\. Note 11\.\n11\. Note 12\.\n$/);
});

test('renumbers each number of a ^{12,13} pair in place', () => {
  const text = 'Brief\n\nA.¹ B.^{3,2} C.⁴\n\nNotes\n\n1. a\n2. b\n3. c\n4. d\n';
  assert.equal(renumberAndCheck(text), 'Brief\n\nA.¹ B.^{2,3} C.⁴\n\nNotes\n\n1. a\n2. c\n3. b\n4. d\n');
});

test('keeps CRLF line ends and superscripts beside hanzi', () => {
  const text = 'Brief\r\n\r\n新型举国体制²。自立自强¹。\r\n\r\nNotes\r\n\r\n1. 甲来源。\r\n2. 乙来源。\r\n';
  assert.equal(renumberAndCheck(text), 'Brief\r\n\r\n新型举国体制¹。自立自强²。\r\n\r\nNotes\r\n\r\n1. 乙来源。\r\n2. 甲来源。\r\n');
});

test('a list of bullets is reordered, since its numbers are its positions', () => {
  const text = 'Brief\n\nA.² B.¹\n\nEndnotes\n\n- Alpha.\n- Beta.\n';
  assert.equal(renumberAndCheck(text), 'Brief\n\nA.¹ B.²\n\nEndnotes\n\n- Beta.\n- Alpha.\n');
});

test('uncited notes go to the end in their order; a marker with no note keeps its place in the sequence', () => {
  const text = 'Brief\n\nA.¹ C.³ E.⁵\n\nNotes\n\n1. a\n2. b\n3. c\n4. d\n';
  const after = renumberAndCheck(text);
  assert.equal(after, 'Brief\n\nA.¹ C.² E.³\n\nNotes\n\n1. a\n2. c\n4. b\n5. d\n');
  assert.deepEqual(rules(lint(after)), ['footnote/missing-note', 'footnote/unused-note']);
});

test('a bullet list with a hole left by a marker with no note gets numbers, so that nothing shifts', () => {
  const text = 'Brief\n\nA.¹ Z.⁹ B.² C.³\n\nNotes\n\n- Alpha\n- Beta\n- Gamma\n';
  assert.equal(renumberAndCheck(text), 'Brief\n\nA.¹ Z.² B.³ C.⁴\n\nNotes\n\n1. Alpha\n3. Beta\n4. Gamma\n');
});

test('a stray plain digit takes part in the sequence and is written as a superscript when its number changes', () => {
  const text = 'Brief\n\nA.¹ E.⁵ B.² C.³ The slogan."4 F.⁶\n\nNotes\n\n1. a\n2. b\n3. c\n4. d\n5. e\n6. f\n';
  assert.deepEqual(rules(lint(text)), ['footnote/order', 'footnote/stray-digit']);
  const after = renumberAndCheck(text);
  assert.equal(after, 'Brief\n\nA.¹ E.² B.³ C.⁴ The slogan."⁵ F.⁶\n\nNotes\n\n1. a\n2. e\n3. b\n4. c\n5. d\n6. f\n');
});

test('renumbering writes a stray plain digit as a marker, even where its number stays', () => {
  // Left as "3", it would count as a marker only while its neighbours fit it.
  const text = 'Brief\n\nA.² B.¹ The slogan."3 D.⁴\n\nNotes\n\n1. a\n2. b\n3. c\n4. d\n';
  assert.deepEqual(rules(lint(text)), ['footnote/order', 'footnote/stray-digit']);
  const after = renumberAndCheck(text);
  assert.equal(after, 'Brief\n\nA.¹ B.² The slogan."³ D.⁴\n\nNotes\n\n1. b\n2. a\n3. c\n4. d\n');
});

test('a stray plain digit stays a marker through renumbering when its neighbours change (fuzz counterexample)', () => {
  const text = 'A.³ B.¹ C.² D).4\n\nNotes\n1. a\n2. b\n3. c\n4. d';
  const after = renumberAndCheck(text);
  assert.equal(after, 'A.¹ B.² C.³ D).⁴\n\nNotes\n1. c\n2. a\n3. b\n4. d');
});

test('GFM: renumbers numeric labels of references and definitions, leaving named labels and the order of definitions', () => {
  const text = 'One.[^2] Named.[^smith] Two.[^1] Again.[^2]\n\n[^1]: First.\n[^smith]: Smith.\n[^2]: Second.\n[^7]: Unused.\n';
  const after = renumberAndCheck(text, 'markdown');
  assert.equal(after, 'One.[^1] Named.[^smith] Two.[^2] Again.[^1]\n\n[^2]: First.\n[^smith]: Smith.\n[^1]: Second.\n[^3]: Unused.\n');
});

test('GFM: a call glued to stray text ("[^ure.[^3]") is renumbered as the call it is', () => {
  const text = 'One.[^1] Text [^ure.[^3] end.\n\n[^1]: a\n[^5]: b\n';
  assert.equal(renumberAndCheck(text, 'markdown'), 'One.[^1] Text [^ure.[^2] end.\n\n[^1]: a\n[^3]: b\n');
});

test('a duplicate number resolved by its place is rewritten by the renumber fix', () => {
  const text = 'Brief\n\nA.¹ B.² C.³ D.⁴\n\nNotes\n\n1. a\n2. b\n2. c\n4. d\n';
  assert.equal(renumberAndCheck(text), 'Brief\n\nA.¹ B.² C.³ D.⁴\n\nNotes\n\n1. a\n2. b\n3. c\n4. d\n');
});

test('no renumbering while the list leaves a number in doubt', () => {
  const copy = 'Research institute, "Two skins: the gap between laboratories and factories," 2022.';
  const repeated = `Brief\n\nA.² B.¹ C.³\n\nNotes\n\n- a\n- ${copy}\n- 2. ${copy}\n- 3. c\n`;
  const shortRun = 'Brief\n\nA.² B.¹ C.³ D.⁴\n\nNotes\n\n1. a\n- b\n4. d\n';
  const unresolved = 'Brief\n\nA.² B.¹ C.³\n\nNotes\n\n1. a\n2. b\n2. c\n3. d\n';
  for (const text of [repeated, shortRun, unresolved]) {
    assert.ok(lint(text).some((f) => f.rule === 'footnote/order'), 'the order finding is still reported');
    assert.equal(indexOf(text).renumber(), undefined);
    assert.ok(lint(text).every((f) => !f.fixes?.some((x) => x.title.startsWith('Renumber'))));
  }
});

test('a Markdown list numbered "1." throughout stays so', () => {
  const text = '# Brief\n\nA.² B.¹\n\n## Notes\n\n1. Alpha\n1. Beta\n';
  assert.equal(renumberAndCheck(text, 'markdown'), '# Brief\n\nA.¹ B.²\n\n## Notes\n\n1. Beta\n1. Alpha\n');
});

test('a note that cites another note moves with that citation renumbered, in one edit per place', () => {
  const text = 'Brief\n\nA claim.² Another.¹\n\n¹ Smith, as in note².\n² Jones.\n';
  const fix = indexOf(text).renumber();
  assert.ok(fix, 'a renumber fix is offered');
  const starts = fix.edits.map((e) => e.start);
  assert.equal(new Set(starts).size, starts.length, 'no two edits on one place');
  const after = apply(text, fix);
  assert.equal(after, 'Brief\n\nA claim.¹ Another.²\n\n¹ Jones.\n² Smith, as in note¹.\n');
  assert.deepEqual(lint(after).filter((f) => NUMBERING.includes(f.rule)), []);
  assert.equal(indexOf(after).renumber(), undefined, 'renumbering twice changes nothing');
});

test('no renumbering when a foot line would be left with no text (it would become a marker)', () => {
  for (const [text, rule] of [['⁸ ¹\n\nEndnotes\n1. ', 'footnote/unused-note'], ['⁸ ⁷\n\nEndnotes\n7. ', 'footnote/gap']] as const) {
    assert.ok(lint(text).some((f) => f.rule === rule), `${rule} is still reported`);
    assert.equal(indexOf(text).renumber(), undefined);
    assert.equal(indexOf(text).notes.length, 2, 'both notes are read');
  }
});

test('no renumbering when an unnumbered entry is counted on to a number another entry carries', () => {
  // From a fuzz counterexample: "- c" after "2." is note 3, and so is "3. a"; renumbering wrote "2." twice.
  for (const [text, kind] of [
    ['^1^\n\n# Notes\n\n3. a\n2. b\n• c', 'markdown'],
    ['Brief\n\nA.¹\n\nNotes\n\n3. a\n2. b\n- c\n', 'plaintext'],
  ] as const) {
    assert.deepEqual(indexOf(text, kind).notes.map((n) => n.number), [3, 2, 3]);
    assert.equal(indexOf(text, kind).renumber(), undefined);
    const findings = lint(text, kind);
    assert.ok(findings.some((f) => f.rule === 'footnote/mixed-numbering'), 'the mixed list is still reported');
    assert.ok(findings.every((f) => !f.fixes?.length), 'with no fix: neither renumbering nor numbering every entry');
  }
  // Clean: the same list with the bullet counted on to a free number is renumbered.
  assert.equal(renumberAndCheck('Brief\n\nA.¹\n\nNotes\n\n3. a\n1. b\n- c\n'), 'Brief\n\nA.¹\n\nNotes\n\n1. b\n2. a\n- c\n');
});

test('no renumbering when a foot line holding a marker would move into the notes section', () => {
  // From a fuzz counterexample: a foot line glued to the body text after it holds markers; under "Endnotes" they would be none.
  const text = 'A.¹\n\n⁸ Glued text.¹\n\nEndnotes\n1. a';
  assert.equal(indexOf(text).markers.length, 2);
  assert.equal(indexOf(text).renumber(), undefined);
  assert.deepEqual(rules(lint(text)), ['footnote/unused-note'], 'the uncited note is still reported');
});

test('no renumbering when a note text from the notes section would bring a marker into a foot line', () => {
  const text = 'A.² B.¹\n\n¹ Smith.\n\nNotes\n2. Jones, as in note³.\n3. c';
  assert.equal(indexOf(text).markers.length, 2, 'the "³" in the notes section is no marker');
  assert.equal(indexOf(text).renumber(), undefined);
  // Clean: with nothing in it that reads as a marker, the text moves.
  const clean = 'A.² B.¹\n\n¹ Smith.\n\nNotes\n2. Jones, as in note three.\n3. c';
  assert.equal(renumberAndCheck(clean), 'A.¹ B.²\n\n¹ Jones, as in note three.\n\nNotes\n2. Smith.\n3. c');
});

test('no renumbering when moving foot lines would change the order their markers are cited in', () => {
  const text = 'A.² B.¹\n\n¹ Smith³\n² Jones⁴\n³ c\n⁴ d';
  assert.equal(indexOf(text).renumber(), undefined);
  assert.ok(lint(text).some((f) => f.rule === 'footnote/order'), 'the order is still reported');
});

test('no renumbering when numbering a list of bullets would turn a bracketed number into a marker', () => {
  // From a fuzz counterexample: "- Smith." must become "2." (note 1 has no entry), and beside numbered entries "[1]" reads as a marker.
  const text = 'See [1] of the plan.² Growth rose.¹\n\nNotes\n\n- Smith.\n';
  assert.deepEqual(indexOf(text).markers.map((m) => m.number), [2, 1], '"[1]" is no marker beside a list of bullets');
  assert.equal(indexOf(text).renumber(), undefined);
  assert.ok(lint(text).some((f) => f.rule === 'footnote/order'), 'the order is still reported');
  // Clean: without the bracket, the bullet gets its number.
  assert.equal(renumberAndCheck('See the plan.² Growth rose.¹\n\nNotes\n\n- Smith.\n'), 'See the plan.¹ Growth rose.²\n\nNotes\n\n2. Smith.\n');
});

test('no renumbering when a lower highest number in the list would make bracketed markers too high to read as markers', () => {
  const text = `A.[30] ${Array.from({ length: 12 }, (_, i) => `x.[${i + 1}]`).join(' ')}\n\nNotes\n\n30. a\n`;
  assert.equal(indexOf(text).markers.length, 13);
  assert.equal(indexOf(text).renumber(), undefined);
});

test('no renumbering when a plain digit beside a marker would become a stray marker once that marker changes number', () => {
  // From a fuzz counterexample: "2" after ")." is no stray while "²" holds note 2; renumbered to "¹", it would be one.
  const text = 'Output rose.² Planners (as before).2\n\nNotes\n1. a\n2. b';
  assert.deepEqual(indexOf(text).markers.map((m) => m.number), [2]);
  assert.equal(indexOf(text).renumber(), undefined);
  assert.ok(lint(text).some((f) => f.rule === 'footnote/unused-note'), 'the uncited note is still reported');
  // Clean: a digit that stays off the sequence does not stop renumbering.
  assert.equal(
    renumberAndCheck('Output rose.² Planners (as before).7\n\nNotes\n1. a\n2. b'),
    'Output rose.¹ Planners (as before).7\n\nNotes\n1. b\n2. a',
  );
});

test('no renumbering when a moved text would not read as the entry of its new slot', () => {
  // "(7) c" after a bullet reads as note 7; "5 million" right after "2." leaves "2.5 million", no entry at all.
  for (const text of ['A.¹ B.³ C.²\n\nNotes\n1. a\n- b\n3. (7) c', 'A.¹ B.³ C.²\n\nNotes\n1. a\n2.b\n3. 5 million']) {
    assert.equal(indexOf(text).notes.length, 3);
    assert.equal(indexOf(text).renumber(), undefined);
    assert.ok(lint(text).some((f) => f.rule === 'footnote/order'), 'the order is still reported');
  }
  // Clean: the same lists with plain texts are renumbered.
  assert.equal(renumberAndCheck('A.¹ B.³ C.²\n\nNotes\n1. a\n- b\n3. c'), 'A.¹ B.² C.³\n\nNotes\n1. a\n- c\n3. b');
  assert.equal(renumberAndCheck('A.¹ B.³ C.²\n\nNotes\n1. a\n2.b\n3. million'), 'A.¹ B.² C.³\n\nNotes\n1. a\n2.million\n3. b');
});

test('no renumbering when a moved text would turn its entry into a heading (plain text)', () => {
  // "1.b" alone between blank lines reads as a title, and a heading after "Notes" ends the notes list.
  const text = 'A.² B.¹\n\nNotes\n\n1.a.\n\n2. b\n';
  assert.deepEqual(indexOf(text).notes.map((n) => n.text), ['a.', 'b']);
  assert.equal(indexOf(text).renumber(), undefined);
  assert.ok(lint(text).some((f) => f.rule === 'footnote/order'), 'the order is still reported');
  // Clean: a text that ends like a sentence reads as an entry there.
  assert.equal(renumberAndCheck('A.² B.¹\n\nNotes\n\n1.a.\n\n2. b.\n'), 'A.¹ B.²\n\nNotes\n\n1.b.\n\n2. a.\n');
});

test('no renumbering when a marker after a unit would read as the unit\'s power', () => {
  // "5 km¹" cites note 1; renumbered to "5 km²" it would be square kilometres.
  const text = 'Output rose.² The line is 5 km¹ long.\n\nNotes\n1. a\n2. b';
  assert.deepEqual(indexOf(text).markers.map((m) => m.number), [2, 1]);
  assert.equal(indexOf(text).renumber(), undefined);
  assert.ok(lint(text).some((f) => f.rule === 'footnote/order'), 'the order is still reported');
  // Clean: after a word that is no unit, the marker is renumbered.
  assert.equal(renumberAndCheck('Output rose.² The line is long.¹\n\nNotes\n1. a\n2. b'), 'Output rose.¹ The line is long.²\n\nNotes\n1. b\n2. a');
});

test('no renumbering when a reversed range would become a range, or a range would gain numbers', () => {
  // "²⁻¹" is no range (its ends only); renumbered to "¹⁻³" it would cite note 2 as well. "³⁻⁴" has nothing between.
  for (const text of ['^{2,3} ²⁻¹\n\nNotes\n\n1. a\n2. b\n3. c\n', 'A.³ B.¹ C.³⁻⁴\n\nNotes\n\n1. a\n2. b\n3. c\n4. d\n']) {
    const before = indexOf(text).markers.length;
    assert.equal(indexOf(text).renumber(), undefined, text);
    assert.equal(indexOf(text).markers.length, before);
  }
  // Clean: a range whose numbers stay consecutive is renumbered.
  assert.equal(renumberAndCheck('A.³ B.¹⁻² C.⁴\n\nNotes\n\n1. a\n2. b\n3. c\n4. d\n'), 'A.¹ B.²⁻³ C.⁴\n\nNotes\n\n1. c\n2. a\n3. b\n4. d\n');
});

test('Markdown: no renumbering when a note text that would move or change number opens with block syntax', () => {
  // From a focused fuzz run: "- # h" is a heading inside a list item and ends the notes section; moved after "¹ ", it is text.
  const heading = '\n² a\n\n\n# Notes\n\n- # h\n1. see³\n';
  assert.equal(indexOf(heading, 'markdown').renumber(), undefined);
  // "* # h" numbered "3. # h" after a paragraph no longer starts a list item ("3." cannot interrupt a paragraph).
  const numbered = '\n³ \n\n\n# Notes\n\n- \n\nhttp://y\n* # h\n\nSummary\n\n\n³ \n';
  assert.equal(indexOf(numbered, 'markdown').renumber(), undefined);
  // Clean: plain note texts move.
  assert.equal(
    renumberAndCheck('# Brief\n\nA.² B.¹\n\n# Notes\n\n- Alpha\n- Beta\n', 'markdown'),
    '# Brief\n\nA.¹ B.²\n\n# Notes\n\n- Beta\n- Alpha\n',
  );
});

test('Markdown: no renumbering when an empty entry would move or get a number', () => {
  // "- " under a paragraph line underlines it as a heading; "3. " there would not.
  const text = '¹⁰\n\n# Notes\n\n9. \n- \na\n';
  assert.equal(indexOf(text, 'markdown').renumber(), undefined);
  const setext = '^{1,3}\n\n# Notes\n\n1. \n\nhttp://y\n- \n';
  assert.equal(indexOf(setext, 'markdown').renumber(), undefined);
});

test('Markdown: no renumbering when a note holds half of a comment or code span that another note could close', () => {
  // From a focused fuzz run: "1. a <!-- x" moved above "(2) a -->" (a continuation line, not a list item) made one comment of both.
  const text = '^10^\n\n# Notes\n\n1. a -->\n(9) a\n1. a <!-- x\n';
  assert.equal(indexOf(text, 'markdown').renumber(), undefined);
  assert.equal(indexOf('A.² B.¹\n\n# Notes\n\n(1) a `x\n(2) b` c\n', 'markdown').renumber(), undefined);
  // Clean: code and comments that close inside their note move with it.
  assert.equal(
    renumberAndCheck('A.² B.¹\n\n# Notes\n\n(1) a `x`\n(2) b <!-- c -->\n', 'markdown'),
    'A.¹ B.²\n\n# Notes\n\n(1) b <!-- c -->\n(2) a `x`\n',
  );
});

test('GFM: a call after a literal address glued to a sentence is read as a call', () => {
  // From a fuzz counterexample, when the paragraph with "secure.www…" lost its prose (a model bug since fixed): its
  // "[^2]" was no call, and renumbering [^3] to [^2] would have made it one.
  const text = 'A.[^1]\n\nB secure.www.example.org/x b.[^2]\n\n[^1]: a\n[^3]: b\n';
  assert.deepEqual(indexOf(text, 'markdown').markers.map((m) => [m.number, m.style]), [[1, 'gfm'], [2, 'gfm']]);
  assert.equal(renumberAndCheck('A.[^1]\n\n[^1]: a\n[^3]: b\n', 'markdown'), 'A.[^1]\n\n[^1]: a\n[^2]: b\n');
});

test('with a leading byte order mark, "[^4]" is the GFM call it is, and renumbers as one', () => {
  // From a fuzz counterexample, when a leading BOM shifted the Markdown offsets (since fixed) and "[^4]" read as a caret marker.
  const text = '\ufeffA.¹[^4]\n\n[^2]: y\n';
  assert.deepEqual(indexOf(text, 'markdown').markers.map((m) => [m.number, m.style]), [[1, 'superscript'], [4, 'gfm']]);
  assert.equal(renumberAndCheck(text, 'markdown'), '\ufeffA.¹[^1]\n\n[^2]: y\n');
});

test('no renumbering when a foot line would carry its marker past a GFM call', () => {
  // From a focused fuzz run: "³" in the foot line "¹ see³" moved below "[^1]", and the markers changed order.
  const text = '\n¹ see³\n [^1] \n³ a\n\n\nNotes\n\n';
  assert.equal(indexOf(text, 'markdown').renumber(), undefined);
});

test('a note text that holds a GFM call stays in place; the GFM call is renumbered alone', () => {
  // From a focused fuzz run: moving the text and renumbering its "[^2]" wrote two overlapping edits.
  const text = '\n⁵ \n Claim. [^2]\n\n# Notes\n\n1.a\n5) a\n\nSummary\n\n\n⁵ \n Claim. [^2]';
  const fix = indexOf(text, 'markdown').renumber();
  assert.ok(fix, 'the GFM calls are still renumbered');
  assert.equal(apply(text, fix), text.replace(/\[\^2\]/g, '[^1]'));
});

test('Markdown: no renumbering when a bullet would have to give way to a number', () => {
  // From a focused fuzz run: "+ a" numbered "³ a" after a GFM definition became that definition's lazy continuation.
  const text = '\n² a\n ^{2,1}\n\n# Notes\n\n[^1]: a\n+ a\n';
  assert.equal(indexOf(text, 'markdown').renumber(), undefined);
  assert.ok(lint(text, 'markdown').some((f) => f.rule === 'footnote/order'), 'the order is still reported');
  // Clean: in plain text the bullet gives way to the number.
  assert.equal(renumberAndCheck('A.¹ Z.⁹ B.²\n\nNotes\n\n1. Alpha\n- Beta\n'), 'A.¹ Z.² B.³\n\nNotes\n\n1. Alpha\n3. Beta\n');
});

test('a notes list hidden in an unclosed HTML comment is neither read nor renumbered', () => {
  const text = 'Growth rose.¹<!--\n\nEndnotes\n5. Smith.\n5. Jones.';
  assert.deepEqual(indexOf(text).notes, []);
  assert.equal(indexOf(text).renumber(), undefined);
  assert.deepEqual(rules(lint(text)), ['footnote/missing-note']);
});

test('no renumbering when a note opens a comment that closes on a hidden line below it', () => {
  // From a fuzz counterexample: moved to slot 1, "<!-- check the year" would hide "Alpha." up to the "-->" below.
  const text = 'Brief\n\nA.² B.¹\n\nNotes\n\n1. Alpha.\n2. Beta. <!-- check the year\n3.--> Gamma.\n';
  assert.deepEqual(indexOf(text).notes.map((n) => n.text), ['Alpha.', 'Beta. <!-- check the year']);
  assert.equal(indexOf(text).renumber(), undefined);
  const findings = lint(text);
  assert.deepEqual(rules(findings), ['footnote/order'], 'the order is still reported');
  assert.equal(findings.some((f) => f.fixes?.some((fix) => fix.title === RENUMBER_TITLE)), false, 'without a renumber fix');
  assert.equal(indexOf(text.replace(/\n/g, '\r\n')).renumber(), undefined, 'with CRLF line ends too');
});

test('no renumbering when a note opens a comment that is never closed', () => {
  // The comment runs to the end of the text from wherever it stands: in slot 1 it would hide note 2.
  const text = 'Brief\n\nA.² B.¹\n\nNotes\n\n1. Alpha.\n2. Beta. <!-- to do';
  assert.deepEqual(indexOf(text).notes.map((n) => n.text), ['Alpha.', 'Beta. <!-- to do']);
  assert.equal(indexOf(text).renumber(), undefined);
  assert.equal(indexOf(`${text}\n`).renumber(), undefined);
});

test('a comment closed inside its note moves with the note', () => {
  const text = 'Brief\n\nA.² B.¹\n\nNotes\n\n1. Alpha.\n2. Beta. <!-- check the year -->\n';
  assert.equal(renumberAndCheck(text), 'Brief\n\nA.¹ B.²\n\nNotes\n\n1. Beta. <!-- check the year -->\n2. Alpha.\n');
});

test('a foot line inside a GFM definition is part of that note: renumbering keeps the definition as written', () => {
  const text = 'Growth rose.² Output fell.¹\n\n¹ Smith, Report.\n[^a]: A side remark\n² Jones, a lazy continuation of the remark.\n\nMore.[^a]\n';
  const index = indexOf(text, 'markdown');
  assert.deepEqual(index.notes.map((n) => n.text), ['Smith, Report.', 'A side remark\n² Jones, a lazy continuation of the remark.']);
  const fix = index.renumber();
  const after = fix ? apply(text, fix) : text;
  assert.ok(after.includes('[^a]: A side remark\n² Jones, a lazy continuation of the remark.\n'), after);
});

test('renumbering round-trips on random citation orders, lists and gaps', () => {
  const scenario = fc.record({
    order: fc.shuffledSubarray(Array.from({ length: 14 }, (_, i) => i + 1), { minLength: 1 }),
    repeats: fc.array(fc.nat(13), { maxLength: 4 }),
    missing: fc.array(fc.nat(13), { maxLength: 2 }),
    extra: fc.nat(2),
    style: fc.constantFrom('numbered', 'bullets', 'bracket', 'gfm'),
    isCrlf: fc.boolean(),
  });
  fc.assert(
    fc.property(scenario, ({ order, repeats, missing, extra, style, isCrlf }) => {
      const cited = [...order, ...repeats.map((r) => order[r % order.length]!)];
      const max = Math.max(...order) + extra;
      const hasNote = (n: number) => !missing.includes(n) || style === 'bullets';
      const isGfm = style === 'gfm';
      const body = cited.map((n, i) => `Claim ${i}.${isGfm ? `[^${n}]` : sup(n)}`).join(' ');
      const lines: string[] = [];
      for (let n = 1; n <= max; n++) {
        if (!hasNote(n)) continue;
        const note = `Source ${n}, a title of its own, ${2000 + n}.`;
        lines.push(isGfm ? `[^${n}]: ${note}` : style === 'bullets' ? `- ${note}` : style === 'bracket' ? `[${n}] ${note}` : `${n}. ${note}`);
      }
      let text = isGfm ? `# Brief\n\n${body}\n\n${lines.join('\n')}\n` : `Brief\n\n${body}\n\nNotes\n\n${lines.join('\n')}\n`;
      if (isCrlf) text = text.replace(/\n/g, '\r\n');
      const kind: DocumentKind = isGfm ? 'markdown' : 'plaintext';
      const fix = indexOf(text, kind).renumber();
      const after = fix ? apply(text, fix) : text;
      assert.deepEqual(lint(after, kind).filter((f) => NUMBERING.includes(f.rule)), []);
      assert.deepEqual(citedTexts(after, kind), citedTexts(text, kind));
      assert.equal(indexOf(after, kind).renumber(), undefined);
      const notes = (t: string) => indexOf(t, kind).notes.map((n) => n.text).sort();
      assert.deepEqual(notes(after), notes(text), 'no note text is lost');
    }),
    { numRuns: 300 },
  );
});

test('10,000 footnotes are checked and renumbered', () => {
  const n = 10_000;
  const order = Array.from({ length: n }, (_, i) => i + 1);
  [order[1], order[2]] = [order[2]!, order[1]!];
  const body = order.map((k, i) => `Claim ${i}.${sup(k)}`).join(' ');
  const notes = Array.from({ length: n }, (_, i) => `${i + 1}. Source ${i + 1}.`).join('\n');
  const text = `Brief\n\n${body}\n\nNotes\n\n${notes}\n`;
  const started = performance.now();
  assert.deepEqual(rules(lint(text)), ['footnote/order']);
  const fix = indexOf(text).renumber();
  assert.ok(performance.now() - started < 5000);
  assert.equal(fix?.edits.length, 4, 'two markers and two list entries change');
  const gfm = `# Brief\n\n${order.map((k) => `Claim.[^${k}]`).join(' ')}\n\n${order.map((_, i) => `[^${i + 1}]: Note ${i + 1}.`).join('\n')}\n`;
  assert.deepEqual(rules(lint(gfm, 'markdown')), ['footnote/order']);
});

test('brieflint fix --rule footnote/order applies the one renumber fix shared by several findings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brieflint-footnotes-'));
  const file = join(dir, 'brief.txt');
  writeFileSync(file, 'Brief\n\nA.³ B.² C.¹ D.⁴\n\nNotes\n\n1. a\n2. b\n3. c\n4. d\n');
  assert.equal(rules(lint(readFileSync(file, 'utf8'))).length, 2, 'two order findings carry the same fix');
  const out: string[] = [];
  const err: string[] = [];
  const code = main(['fix', '--no-bundled', '--rule', 'footnote/order', '--write', file], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  assert.equal(code, 0, err.join('\n'));
  assert.equal(readFileSync(file, 'utf8'), 'Brief\n\nA.¹ B.² C.³ D.⁴\n\nNotes\n\n1. c\n2. b\n3. a\n4. d\n');
  assert.deepEqual(lint(readFileSync(file, 'utf8')), []);
});
