/**
 * The engine never throws, and every finding, related location and fix edit
 * lies inside the document, on any string: arbitrary Unicode (surrogate pairs,
 * lone surrogates, combining marks, zero-width and bidi controls, full-width
 * punctuation), briefs built from a grammar of realistic pieces, our samples
 * with random edits, LF/CRLF/CR line ends, random rule settings and allow
 * lists, and termbases of arbitrary concepts. LF, CRLF and CR line ends give
 * the same findings at the same places.
 *
 * Budget: 300 + 250 + 150 + 100 cases (about 10 s). `npm run fuzz` runs more.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeChecked } from './support/engine';
import { findProperty } from './support/properties';
import { checkProperty } from './support/runner';
import { HOSTILE_CHARACTERS } from './support/arbitraries';

for (const id of ['engine/any-string', 'engine/brief-grammar', 'engine/line-ends', 'engine/random-termbase']) {
  const property = findProperty(id);
  test(property.claim, (t) => checkProperty(t, property));
}

test('an empty document, white space only and a lone byte order mark give no findings', () => {
  for (const kind of ['markdown', 'plaintext'] as const) {
    for (const text of ['', ' ', '\n', '\r\n', '\r', '\ufeff', '\t\n\t', '\u200b']) {
      assert.deepEqual(analyzeChecked(text, { kind }).findings, [], `${kind} ${JSON.stringify(text)}`);
    }
  }
});

test('every hostile character, alone, repeated and around a term, is analysed within the document', () => {
  let cases = 0;
  for (const kind of ['markdown', 'plaintext'] as const) {
    for (const c of HOSTILE_CHARACTERS) {
      for (const text of [c, c.repeat(50), `${c}NWNS${c}`, `The NWNS${c}(新型${c}举国体制)${c}¹\n\nNotes\n\n1${c}. x`, `${c}\r\n${c}\r${c}\n`]) {
        analyzeChecked(text, { kind });
        cases++;
      }
    }
  }
  assert.equal(cases, HOSTILE_CHARACTERS.length * 10);
});
