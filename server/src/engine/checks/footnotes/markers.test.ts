import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../document/index';
import type { DocumentKind } from '../../types';
import { findStrayDigits, scanManualMarkers } from './markers';
import { readSuperscriptNumber, toSuperscript } from './superscript';

const NUMBERED = { isBracketAllowed: true, maxBracketNumber: 40 };
const BULLETED = { isBracketAllowed: false, maxBracketNumber: 0 };

function scan(text: string, kind: DocumentKind = 'plaintext', options = NUMBERED) {
  return scanManualMarkers(parseDocument(text, kind), options);
}
const numbers = (text: string, kind: DocumentKind = 'plaintext', options = NUMBERED) => scan(text, kind, options).map((m) => m.number);
const strays = (text: string, kind: DocumentKind = 'plaintext') => {
  const doc = parseDocument(text, kind);
  return findStrayDigits(doc, scanManualMarkers(doc, NUMBERED)).map((m) => [m.number, text.slice(m.start, m.end)]);
};

test('reads and writes superscript numbers of any length', () => {
  assert.deepEqual(readSuperscriptNumber('x¹²³y', 1, 5), { value: 123, end: 4 });
  assert.equal(readSuperscriptNumber('⁰⁵', 0, 2), undefined);
  assert.equal(toSuperscript(1024), '¹⁰²⁴');
});

test('finds superscript markers, multi-digit ones as one number', () => {
  const text = 'First claim.¹ Second.¹² Third.⁹ Fourth.¹⁰';
  const markers = scan(text);
  assert.deepEqual(markers.map((m) => m.number), [1, 12, 9, 10]);
  assert.deepEqual(markers.map((m) => text.slice(m.start, m.end)), ['¹', '¹²', '⁹', '¹⁰']);
  assert.ok(markers.every((m) => m.style === 'superscript'));
});

test('finds superscripts right after hanzi and full-width punctuation', () => {
  assert.deepEqual(numbers('新型举国体制¹。自立自强²）两张皮³'), [1, 2, 3]);
});

test('reads superscript lists and ranges as one marker per number', () => {
  assert.deepEqual(numbers('Claims.¹,² More.⁴⁻⁶'), [1, 2, 4, 5, 6]);
});

test('finds caret markers: ^12, ^{12,13}, ^{3-5} and Pandoc ^12^', () => {
  const text = 'One.^12 Two.^{12,13} Three.^{3-5} Four.^7^ end';
  const markers = scan(text);
  assert.deepEqual(markers.map((m) => m.number), [12, 12, 13, 3, 4, 5, 7]);
  assert.deepEqual(
    markers.filter((m) => !m.isInsideRange).map((m) => text.slice(m.labelStart, m.labelEnd)),
    ['12', '12', '13', '3', '5', '7'],
  );
  assert.equal(text.slice(markers[0]!.start, markers[0]!.end), '^12');
  assert.equal(markers[1]!.group, markers[2]!.group, 'a pair written together is one group');
});

test('skips powers, units and inline TeX: 10⁶, 10^6, km², m³, $x^2$', () => {
  assert.deepEqual(numbers('A budget of 10⁶ yuan, 10^6 yuan, 10⁻³ units, 30 km² and 5 m³ of concrete.'), []);
  assert.deepEqual(numbers('The zone is 30 km wide.² It cost 110 million.³'), [2, 3]);
  assert.deepEqual(numbers('Output grows as $x^2$ and $y^{2,3}$ do.'), []);
});

test('a superscript glued to the digits of a caret marker is not a marker, whatever the caret number', () => {
  // From a fuzz counterexample: "^10³" read "³" as a power of ten, and the renumbered "^3³" as a marker.
  assert.deepEqual(numbers('Output rose.^10³ It fell.¹'), [10, 1]);
  assert.deepEqual(numbers('Output rose.^3³ It fell.¹'), [3, 1]);
  assert.deepEqual(numbers('Output rose.^{3}³ It fell.^3^²'), [3, 3, 3, 2], 'a brace or a closing caret ends the caret marker');
});

test('bracketed numbers are markers only where the notes list numbers its entries', () => {
  const text = 'A claim [1] and two more [2, 3].';
  assert.deepEqual(numbers(text, 'plaintext', NUMBERED), [1, 2, 3]);
  assert.deepEqual(numbers(text, 'plaintext', BULLETED), []);
});

test('bracketed numbers skip years past the list, links and list labels', () => {
  assert.deepEqual(numbers('In [2021] the plan [1](https://example.org) changed [2][x].\n[3] A list label.'), []);
});

test('prose digits are never markers: years, ordinals, counts, decimals, names', () => {
  const text = 'In 2021-25 the 14th plan set 16 science and technology megaprojects; debt hit 279.7% while 5G and the C919 flew.';
  assert.deepEqual(numbers(text), []);
  assert.deepEqual(strays(text + '¹'), []);
});

test('markers in code spans, code blocks and URLs are not read', () => {
  const text = 'Code `note¹` and <https://example.org/a¹> stay out.²\n\n```\nblock³\n```\n';
  assert.deepEqual(numbers(text, 'markdown'), [2]);
});

test('reads <sup>12</sup> in Markdown', () => {
  const text = 'A claim.<sup>12</sup> Another.<sup>13,14</sup>';
  assert.deepEqual(numbers(text, 'markdown'), [12, 13, 14]);
});

test('a line that opens with a superscript number is a note, not a marker', () => {
  assert.deepEqual(numbers('Body text.¹\n\n¹ Ministry of Finance, report, 2023.'), [1]);
  assert.deepEqual(numbers('Body text.¹\n²\n\n³'), [1, 2, 3], 'a superscript alone on its line is a marker');
});

test('a plain digit after ")." stands where its marker belongs when the sequence lacks it', () => {
  assert.deepEqual(strays('A claim.⁸ The slogan (有效市场和有为政府)."9\n\nNext claim.¹⁰'), [[9, '9']]);
  assert.deepEqual(strays('A claim.⁸ Then a plain one.9 And on.¹⁰'), [[9, '9']]);
});

test('a plain digit is not a marker when the sequence already has its number', () => {
  assert.deepEqual(strays('A claim.⁸ The slogan."9 Next.⁹ Last.¹⁰'), []);
});

test('a plain digit is not a marker when it does not fit between its neighbours', () => {
  assert.deepEqual(strays('A claim.¹ Growth of 3.5 percent.² It rose.7 Then.³'), []);
  assert.deepEqual(strays('A claim.¹ In 2019.4 percent grew.² Then.³'), []);
});

test('a plain digit counts only right after punctuation, and only before a space or the end', () => {
  assert.deepEqual(strays('A claim.¹ It rose by 2 points.³'), []);
  assert.deepEqual(strays('A claim.¹ Version.2x is new.³'), []);
});

test('a stray digit is not looked for when the text has no markers', () => {
  assert.deepEqual(strays('The ideal (有为政府)."9 And more.'), []);
});

test('scanning a 100 KB line of one repeated character stays linear', () => {
  for (const ch of ['¹', '^', '[', '9', '.', ')', '¹,', '^{1,', '[1,', ').9 ', '"', '¹ ']) {
    const line = ch.repeat(Math.ceil(100_000 / ch.length));
    const doc = parseDocument(`Title\n\nA claim.¹\n\n${line}\n`, 'plaintext');
    const started = performance.now();
    findStrayDigits(doc, scanManualMarkers(doc, NUMBERED));
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 500, `${JSON.stringify(ch)} took ${elapsed.toFixed(0)} ms`);
  }
});
