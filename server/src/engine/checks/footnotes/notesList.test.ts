import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../document/index';
import type { DocumentKind } from '../../types';
import { parseNotesList } from './notesList';

function entries(text: string, kind: DocumentKind = 'plaintext') {
  return parseNotesList(parseDocument(text, kind)).map((e) => ({
    number: e.writtenNumber,
    text: text.slice(e.textStart, e.textEnd),
  }));
}

test('reads entries numbered "12." "12)" "[12]" "(12)" and "¹²"', () => {
  const text = 'Title\n\nBody.\n\nNotes\n\n12. Dot.\n13) Paren.\n[14] Bracket.\n(15) Round.\n¹⁶ Superscript.\n';
  assert.deepEqual(entries(text), [
    { number: 12, text: 'Dot.' },
    { number: 13, text: 'Paren.' },
    { number: 14, text: 'Bracket.' },
    { number: 15, text: 'Round.' },
    { number: 16, text: 'Superscript.' },
  ]);
});

test('reads bullets with and without a number, and a number glued to a quote', () => {
  const text = 'Title\n\nBody.\n\nEndnotes\n\n- First source.\n- 9. Ninth source.\n- 24."Quoted title," 2023.\n';
  assert.deepEqual(entries(text), [
    { number: undefined, text: 'First source.' },
    { number: 9, text: 'Ninth source.' },
    { number: 24, text: '"Quoted title," 2023.' },
  ]);
});

test('a decimal or a year at the start of an entry is text, not its number', () => {
  const text = 'Title\n\nBody.\n\nNotes\n\n- 3.5 million jobs, report.\n- 1978 to 2020, a history.\n';
  assert.deepEqual(entries(text).map((e) => e.number), [undefined, undefined]);
});

test('continuation lines and a stray paragraph belong to the entry above', () => {
  const text = 'Title\n\nBody.\n\nNotes\n\n1. A long source with a URL <u>https://</u>\n </u>\n\ncontinued/.\n\n2. Next source.\n';
  assert.deepEqual(entries(text), [
    { number: 1, text: 'A long source with a URL <u>https://</u>\n </u>\n\ncontinued/.' },
    { number: 2, text: 'Next source.' },
  ]);
});

test('text before the first entry and after the notes section is not an entry', () => {
  const text = 'Title\n\nBody.\n\nNotes\n\nAll links were checked in 2024.\n\n1. Source.\n\nAuthor\n\nThe author writes.\n';
  assert.deepEqual(entries(text), [{ number: 1, text: 'Source.' }]);
});

test('reads CRLF lists without the carriage return in the text', () => {
  const text = 'Title\r\n\r\nBody.\r\n\r\nNotes\r\n\r\n1. 中文来源。\r\n2. Second.\r\n';
  assert.deepEqual(entries(text), [
    { number: 1, text: '中文来源。' },
    { number: 2, text: 'Second.' },
  ]);
});

test('reads a Markdown notes list and leaves GFM definitions to the GFM checks', () => {
  const text = '# Title\n\nBody.\n\n## Notes\n\n1. Source one.\n2. Source two.\n\n[^a]: A GFM definition.\n    Indented more.\n';
  assert.deepEqual(entries(text, 'markdown'), [
    { number: 1, text: 'Source one.' },
    { number: 2, text: 'Source two.' },
  ]);
});

test('a document without a notes heading has no list, except foot lines opening with a superscript', () => {
  assert.deepEqual(entries('Title\n\nBody text.¹\n\n1. Not a note, a list in the body.\n'), []);
  assert.deepEqual(entries('Title\n\nBody text.¹\n\n¹ Ministry of Finance, report, 2023.\n'), [{ number: 1, text: 'Ministry of Finance, report, 2023.' }]);
});

test('skips an entry hidden in code or HTML, and what follows it', () => {
  const text = 'Title\n\nBody.\n\nNotes\n\n1. Kept. <!-- a comment left open\n2. Hidden.\n3. Hidden too.';
  assert.deepEqual(entries(text), [{ number: 1, text: 'Kept. <!-- a comment left open' }]);
  assert.deepEqual(entries('Title\n\nBody.¹\n\n## Notes\n\n1. Kept.\n\n```\n2. Code.\n```\n', 'markdown').map((e) => e.number), [1]);
});

test('reads no foot line inside a GFM footnote definition', () => {
  const text = 'Body.¹ More.[^a]\n\n¹ Smith.\n[^a]: A remark\n² continued lazily.\n';
  assert.deepEqual(entries(text, 'markdown'), [{ number: 1, text: 'Smith.' }]);
});
