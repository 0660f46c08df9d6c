import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from './lineIndex';

/** Every offset maps to a position and back to itself (offsets inside a CRLF pair excepted). */
function assertRoundTrip(text: string) {
  const index = new LineIndex(text);
  for (let offset = 0; offset <= text.length; offset++) {
    if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
    const position = index.positionAt(offset);
    assert.equal(index.offsetAt(position), offset, `offset ${offset} of ${JSON.stringify(text)} via ${JSON.stringify(position)}`);
  }
}

test('counts lines ended by \\n and maps offsets to 0-based positions', () => {
  const index = new LineIndex('ab\ncd\n\nef');
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
  assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
  assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
  assert.deepEqual(index.positionAt(8), { line: 3, character: 1 });
  assert.equal(index.offsetAt({ line: 1, character: 1 }), 4);
  assert.equal(index.offsetAt({ line: 3, character: 2 }), 9);
  assertRoundTrip('ab\ncd\n\nef');
});

test('treats \\r\\n as one line end, not two', () => {
  const text = 'ab\r\ncd\r\n\r\nef';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(text.indexOf('c')), { line: 1, character: 0 });
  assert.deepEqual(index.positionAt(text.indexOf('e')), { line: 3, character: 0 });
  assert.equal(index.lineStart(1), 4);
  assert.equal(index.lineEnd(1), 6, 'the line ends before its \\r\\n');
  assert.equal(index.lineText(1), 'cd');
  assert.equal(index.lineText(2), '');
  assert.equal(index.offsetAt({ line: 1, character: 99 }), 6, 'a character past the end of a line stops before \\r\\n');
  assertRoundTrip(text);
});

test('treats a lone \\r as a line end', () => {
  const text = 'ab\rcd\r\ref';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
  assert.equal(index.lineText(1), 'cd');
  assert.equal(index.lineText(3), 'ef');
  assert.equal(index.offsetAt({ line: 3, character: 1 }), text.indexOf('f'));
  assertRoundTrip(text);
});

test('handles mixed line ends in one text', () => {
  const text = 'a\nb\r\nc\rd';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual(['a', 'b', 'c', 'd'].map((ch) => index.positionAt(text.indexOf(ch))), [
    { line: 0, character: 0 },
    { line: 1, character: 0 },
    { line: 2, character: 0 },
    { line: 3, character: 0 },
  ]);
  assertRoundTrip(text);
});

test('a text ending in a line break has an empty last line', () => {
  const index = new LineIndex('ab\n');
  assert.equal(index.lineCount, 2);
  assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
  assert.equal(index.lineText(1), '');
});

test('clamps offsets and positions past either end', () => {
  const text = 'ab\ncd';
  const index = new LineIndex(text);
  assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(100), { line: 1, character: 2 });
  assert.equal(index.offsetAt({ line: 7, character: 0 }), text.length);
  assert.equal(index.offsetAt({ line: -1, character: 3 }), 0);
  assert.equal(index.offsetAt({ line: 0, character: -4 }), 0);
  assert.equal(index.offsetAt({ line: 0, character: 50 }), 2, 'stops at the end of the line, before its \\n');
});

test('an empty text has one empty line', () => {
  const index = new LineIndex('');
  assert.equal(index.lineCount, 1);
  assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
  assert.equal(index.offsetAt({ line: 0, character: 3 }), 0);
  assert.equal(index.lineText(0), '');
});

test('counts characters in UTF-16 code units, so a surrogate pair is two', () => {
  const text = '😀 NSWN\n𠀀x';
  const index = new LineIndex(text);
  assert.deepEqual(index.positionAt(text.indexOf('NSWN')), { line: 0, character: 3 });
  assert.deepEqual(index.positionAt(text.indexOf('x')), { line: 1, character: 2 });
  assert.equal(index.offsetAt({ line: 1, character: 2 }), text.indexOf('x'));
  assert.equal(index.lineText(0), '😀 NSWN');
  assertRoundTrip(text);
});
