import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acronymKey, parseAcronym } from './shape';

test('reads capitals, ampersands and dotted forms as acronyms', () => {
  for (const word of ['NSWN', 'SOE', 'R&D', 'S&T', 'U.S', 'U.S.', 'MERICS', 'CCFEA']) {
    assert.deepEqual(parseAcronym(word), { acronym: word, isPlural: false }, word);
  }
});

test('reads a lower-case "s" after a capital as a plural', () => {
  assert.deepEqual(parseAcronym('SOEs'), { acronym: 'SOE', isPlural: true });
  assert.deepEqual(parseAcronym('PhDs'), { acronym: 'PhD', isPlural: true });
  assert.deepEqual(parseAcronym('MERICS'), { acronym: 'MERICS', isPlural: false });
});

test('reads mixed case as an acronym only when capitals are at least as many as small letters', () => {
  assert.deepEqual(parseAcronym('MoST'), { acronym: 'MoST', isPlural: false });
  assert.deepEqual(parseAcronym('PhD'), { acronym: 'PhD', isPlural: false });
  assert.deepEqual(parseAcronym('IoT'), { acronym: 'IoT', isPlural: false });
  for (const word of ['BeiDou', 'WeChat', 'McKinsey', 'DeepSeek', 'Xi', 'Beijing', 'iPhone']) assert.equal(parseAcronym(word), undefined, word);
});

test('does not read tokens with digits as acronyms to define', () => {
  for (const word of ['C919', '5G', 'G20', 'G7', 'H5N1', 'COVID19', 'A4']) assert.equal(parseAcronym(word), undefined, word);
});

test('does not read single letters, Roman numerals or emphasis words as acronyms', () => {
  for (const word of ['A', 'I', 'II', 'III', 'IV', 'VI', 'IX', 'XIV', 'XX', 'NOT', 'THE', 'AND', 'ONLY']) assert.equal(parseAcronym(word), undefined, word);
  // Look-alikes that are acronyms.
  for (const word of ['IMF', 'WHO', 'MIIT', 'CIA', 'DC']) assert.ok(parseAcronym(word), word);
});

test('does not read long all-capital words as acronyms', () => {
  assert.equal(parseAcronym('GROENEWEGEN'), undefined);
  assert.ok(parseAcronym('UNCITRAL'));
});

test('keys "U.S." and "U.S" alike', () => {
  assert.equal(acronymKey('U.S.'), acronymKey('U.S'));
  assert.equal(acronymKey('SOE'), 'SOE');
});
