import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignAcronym, isPlausibleExpansion, isSameOrQualified, matchLongForm, normalizeExpansion, pluralizePhrase, singularizePhrase } from './expansion';

test('accepts expansions whose word initials spell the acronym', () => {
  const accepted: [string, string][] = [
    ['SOE', 'state-owned enterprise'],
    ['R&D', 'research and development'],
    ['S&T', 'science and technology'],
    ['STI', 'Science, technology, and innovation'],
    ['NSWN', 'new-style whole-of-nation system'],
    ['CCFEA', 'Central Commission for Financial and Economic Affairs'],
    ['MERICS', 'Mercator Institute for China Studies'],
    ['MoST', 'Ministry of Science and Technology'],
    ['MOFCOM', 'Ministry of Commerce'],
    ['IGCC', 'Institute on Global Conflict and Cooperation'],
    ['PBOC', "People's Bank of China"],
  ];
  for (const [acronym, expansion] of accepted) assert.ok(isPlausibleExpansion(acronym, expansion), `${acronym} = ${expansion}`);
});

test('rejects phrases whose letters only happen to contain the acronym', () => {
  const rejected: [string, string][] = [
    ['SNP', 'Sinopec'],
    ['RMB', 'renminbi'],
    ['WTO', 'which China joined in 2001'],
    ['SOE', 'the sector of energy'],
    ['PDF', 'a report'],
    ['NSWN', 'nation'],
  ];
  for (const [acronym, expansion] of rejected) assert.equal(isPlausibleExpansion(acronym, expansion), false, `${acronym} ≠ ${expansion}`);
});

test('prefers word initials when aligning letters', () => {
  assert.deepEqual(alignAcronym('NDRC', 'National Development and Reform Commission'), { initials: 4, letters: 4, skippedWords: 0, words: 5 });
  assert.equal(alignAcronym('XYZ', 'state-owned enterprise'), undefined);
});

test('finds the shortest long form that spells the acronym (Schwartz & Hearst)', () => {
  const long = 'a new generation of state-owned enterprise';
  assert.equal(long.slice(matchLongForm('SOE', long)), 'state-owned enterprise');
  assert.equal(matchLongForm('XYZ', long), -1);
});

test('normalises case, hyphens, quotes, ampersands, punctuation and plurals', () => {
  assert.equal(normalizeExpansion('State-Owned  Enterprises'), normalizeExpansion('state-owned enterprise'));
  assert.equal(normalizeExpansion('"new-style whole-of-nation" system'), normalizeExpansion('new-style whole-of-nation system'));
  assert.equal(normalizeExpansion('Science, technology and innovation'), normalizeExpansion('science, technology, and innovation'));
  assert.equal(normalizeExpansion('research & development'), normalizeExpansion('research and development'));
  assert.equal(normalizeExpansion("People's Bank of China"), normalizeExpansion('Peoples Bank of China'));
  assert.notEqual(normalizeExpansion('state-operated enterprise'), normalizeExpansion('state-owned enterprise'));
});

test('treats qualifying words in front of a name as the same name, not words after it', () => {
  assert.ok(isSameOrQualified(normalizeExpansion('University of California Institute on Global Conflict and Cooperation'), normalizeExpansion('Institute on Global Conflict and Cooperation')));
  assert.equal(isSameOrQualified(normalizeExpansion('Institute on Global Conflict'), normalizeExpansion('Global Conflict Institute')), false);
  assert.equal(isSameOrQualified(normalizeExpansion('state-owned enterprise'), normalizeExpansion('enterprise')), true);
  assert.equal(isSameOrQualified(normalizeExpansion('state-owned enterprise'), normalizeExpansion('wned enterprise')), false);
});

test('puts a phrase in the plural and back', () => {
  assert.equal(pluralizePhrase('state-owned enterprise'), 'state-owned enterprises');
  assert.equal(pluralizePhrase('national strategy'), 'national strategies');
  assert.equal(pluralizePhrase('business'), 'businesses');
  assert.equal(singularizePhrase('state-owned enterprises'), 'state-owned enterprise');
  assert.equal(singularizePhrase('national strategies'), 'national strategy');
  assert.equal(singularizePhrase('boxes'), 'box');
});
