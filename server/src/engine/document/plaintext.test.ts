import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, type BriefDocument } from './index';

function parse(text: string): BriefDocument {
  const doc = parseDocument(text, 'plaintext');
  assert.equal(doc.kind, 'plaintext');
  for (const run of doc.runs) {
    let previousEnd = run.start;
    for (const segment of run.segments) {
      assert.ok(segment.start >= previousEnd && segment.end > segment.start && segment.end <= text.length);
      previousEnd = segment.end;
      for (const span of doc.excluded) assert.ok(segment.end <= span.start || segment.start >= span.end, 'prose never overlaps an excluded span');
    }
    assert.equal(doc.blocks[run.blockIndex]?.type, run.blockType);
    assert.equal(doc.blocks[run.blockIndex]?.isInNotes, run.isInNotes);
  }
  for (const heading of doc.headings) assert.equal(text.slice(heading.textStart, heading.textEnd), heading.text);
  assert.deepEqual(doc.footnoteReferences, []);
  assert.deepEqual(doc.footnoteDefinitions, []);
  return doc;
}

const runTexts = (doc: BriefDocument) => doc.runs.map((run) => run.segments.map((s) => doc.text.slice(s.start, s.end)).join(''));
const blockTexts = (doc: BriefDocument) => doc.blocks.map((b) => doc.text.slice(b.start, b.end));

test('splits paragraphs at blank lines and keeps a paragraph\'s lines together', () => {
  const doc = parse('This is a first paragraph that ends here.\nIt has a second line.\n\n\nA second paragraph ends too.');
  assert.deepEqual(blockTexts(doc), ['This is a first paragraph that ends here.\nIt has a second line.', 'A second paragraph ends too.']);
  assert.deepEqual(doc.blocks.map((b) => b.type), ['paragraph', 'paragraph']);
  assert.deepEqual(runTexts(doc), blockTexts(doc));
});

test('makes each list item a block of its own, bulleted or numbered', () => {
  const doc = parse('- bullet one.\n- bullet two.\n• dot bullet.\n1. numbered one.\n2) numbered two.\n[3] bracketed three.\n   continued line.');
  assert.deepEqual(blockTexts(doc), ['- bullet one.', '- bullet two.', '• dot bullet.', '1. numbered one.', '2) numbered two.', '[3] bracketed three.\n   continued line.']);
  assert.ok(doc.blocks.every((b) => b.type === 'paragraph'), 'a list item is never a heading');
});

test('takes a short title-like line on its own as a heading', () => {
  const doc = parse('Key Findings\n\nThe state sets goals for science and technology.\n\n现代化产业体系\n\nPolicy Implications');
  assert.deepEqual(doc.headings.map((h) => [h.depth, h.text]), [[1, 'Key Findings'], [1, '现代化产业体系'], [1, 'Policy Implications']]);
  assert.deepEqual(doc.blocks.map((b) => b.type), ['heading', 'paragraph', 'heading', 'heading']);
});

test('a title-like line inside a comment, closed or not, is no heading and starts no notes list', () => {
  const unclosed = parse('The NSWN grew.¹\n\n<!--\n\nEndnotes\n\n1. A hidden note.');
  assert.deepEqual(unclosed.headings, []);
  assert.equal(unclosed.notesSection, undefined);
  const closed = parse('<!--\n\nDraft Heading\n\n-->\n\nKey Findings\n\nText.');
  assert.deepEqual(closed.headings.map((h) => h.text), ['Key Findings']);
});

test('a short sentence ending in a note marker is a sentence, not a heading', () => {
  for (const line of ['The NSWN grew.¹', 'It was announced in 2023.[4]', 'Funding rose sharply.^12', '新型举国体制得到加强。²']) {
    assert.deepEqual(parse(`${line}\n\nMore text follows here.`).headings, [], line);
  }
});

test('a normal sentence on a line of its own is not a heading', () => {
  const doc = parse('Intro\n\nChina wants to lead in science and technology.\n\nThe brief argues this, and more:\n\n"A quoted line."');
  assert.deepEqual(doc.headings.map((h) => h.text), ['Intro']);
});

test('a long line or a lower-case line is not a heading', () => {
  const long = 'Word '.repeat(30).trim();
  const doc = parse(`${long}\n\nlower case line\n\nA paragraph of\ntwo lines`);
  assert.deepEqual(doc.headings, []);
});

test('heading text leaves out surrounding white space', () => {
  const text = '  Key Findings  \n\nBody.';
  const doc = parse(text);
  assert.equal(doc.headings[0]?.text, 'Key Findings');
  assert.equal(doc.headings[0]?.textStart, 2);
});

test('leaves URLs out of the prose, and ends a run at them', () => {
  const text = 'See https://example.com/NSWN?y=1 and www.example.org/page for more.';
  const doc = parse(text);
  assert.deepEqual(runTexts(doc), ['See ', ' and ', ' for more.']);
  assert.deepEqual(doc.excluded.map((s) => text.slice(s.start, s.end)), ['https://example.com/NSWN?y=1', 'www.example.org/page']);
});

test('leaves stray HTML tags such as <u> and comments out, keeping the words between them', () => {
  const text = 'An <u>underlined</u> word and <!-- a NSWN comment --> more.';
  const doc = parse(text);
  assert.deepEqual(runTexts(doc), ['An ', 'underlined', ' word and ', ' more.']);
  assert.ok(!runTexts(doc).join('').includes('NSWN'));
});

test('does not take a comparison for a tag', () => {
  const text = 'Growth was a < b and c > d in 2023.';
  assert.deepEqual(runTexts(parse(text)), [text]);
});

test('splits paragraphs at CRLF blank lines with exact offsets', () => {
  const text = 'Title Line\r\n\r\nPara one\r\nline two.\r\n\r\nLast one.\r\n';
  const doc = parse(text);
  assert.deepEqual(blockTexts(doc), ['Title Line', 'Para one\r\nline two.', 'Last one.']);
  assert.deepEqual(doc.headings.map((h) => h.text), ['Title Line']);
  assert.equal(doc.runs[1]!.start, text.indexOf('Para'));
});

test('splits paragraphs at lone-CR blank lines', () => {
  const text = 'Title Line\r\rPara one\rline two.\r\rLast one.';
  const doc = parse(text);
  assert.deepEqual(blockTexts(doc), ['Title Line', 'Para one\rline two.', 'Last one.']);
  assert.deepEqual(doc.headings.map((h) => h.text), ['Title Line']);
});

test('a line of white space counts as a blank line', () => {
  const doc = parse('One para.\n   \t\nTwo para.');
  assert.deepEqual(blockTexts(doc), ['One para.', 'Two para.']);
});

test('offsets stay exact after an emoji', () => {
  const text = '😀 The NSWN leads. 🇨🇳 Then https://x.org ends.';
  const doc = parse(text);
  assert.deepEqual(runTexts(doc), ['😀 The NSWN leads. 🇨🇳 Then ', ' ends.']);
  assert.equal(doc.runs[1]!.start, text.indexOf(' ends.'));
});

test('finds the notes list under "Endnotes" and flags the runs inside it', () => {
  const doc = parse('Body text here.\n\nEndnotes\n\n1. A note.\n2. Another note.');
  assert.equal(doc.notesSection?.heading.text, 'Endnotes');
  assert.deepEqual(doc.runs.map((r) => [doc.text.slice(r.start, r.end), r.isInNotes]), [
    ['Body text here.', false],
    ['Endnotes', false],
    ['1. A note.', true],
    ['2. Another note.', true],
  ]);
});

test('finds the notes list under "REFERENCES" in capitals', () => {
  const doc = parse('Body text here.\n\nREFERENCES\n\n1. A source.');
  assert.equal(doc.notesSection?.heading.text, 'REFERENCES');
  assert.ok(doc.runs[doc.runs.length - 1]!.isInNotes);
});

test('finds the notes list under a "Notes:" line', () => {
  const doc = parse('Body text here.\n\nNotes:\n\n1. A note.');
  assert.ok(doc.notesSection, 'a "Notes:" line on its own heads the notes list');
  assert.ok(doc.runs[doc.runs.length - 1]!.isInNotes);
});

test('has no notes list when no heading names one', () => {
  const doc = parse('Body text here.\n\nNotes on the method are below.\n\n1. A point.');
  assert.equal(doc.notesSection, undefined);
  assert.ok(doc.runs.every((r) => !r.isInNotes));
});

test('an empty text has no blocks', () => {
  const doc = parse('');
  assert.deepEqual(doc.blocks, []);
  assert.deepEqual(doc.runs, []);
});
