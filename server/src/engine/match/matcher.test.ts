import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../document/index';
import { parseJsonTermbase } from '../termbase/json';
import { mergeTermbases } from '../termbase/merge';
import type { DocumentKind } from '../types';
import { compileTermbase, scanTerms, type TermMatch } from './matcher';

const TERMBASE = {
  concepts: [
    { id: 'nswn', zh: '新型举国体制', zhTraditional: '新型舉國體制', en: 'new-style whole-of-nation system', acronym: 'NSWN' },
    { id: 'won', zh: '举国体制', zhTraditional: '舉國體制', en: 'whole-of-nation system' },
    { id: 'mib', zh: '现代产业体系', en: 'modern industrial base' },
    { id: 'mzib', zh: '现代化产业体系', en: 'modernized industrial base' },
    { id: 'ib', en: 'industrial base' },
    { id: 'system', en: 'system' },
    { id: 'soe', en: 'state-owned enterprise', acronym: 'SOE' },
    { id: 'two-layers', zh: '两张皮', en: 'two-layers problem' },
    { id: 'technology', en: 'technology' },
    { id: 'npc', en: "National People's Congress", acronym: 'NPC' },
    { id: 'yard', zh: '小院高墙', zhTraditional: '小院高牆', en: 'small yard, high fence' },
    { id: 'bri', en: 'Belt and Road Initiative', caseSensitive: true },
    { id: 'xi-thought', en: 'Xi Jinping’s thought' },
  ],
};

const compiled = compileTermbase(mergeTermbases([parseJsonTermbase(JSON.stringify(TERMBASE), 't.json')]));

function scan(text: string, kind: DocumentKind = 'markdown'): TermMatch[] {
  return scanTerms(parseDocument(text, kind), compiled).matches;
}

/** [matched source text, concept id] for every match, in order. */
function found(text: string, kind: DocumentKind = 'markdown'): [string, string][] {
  return scan(text, kind).map((m) => [text.slice(m.start, m.end), compiled.concepts[m.concept]!.id]);
}

test('compiles every form of the termbase', () => {
  assert.ok(compiled.formCount > TERMBASE.concepts.length);
  assert.equal(compiled.concepts.length, TERMBASE.concepts.length);
  assert.equal(compiled.acronyms.get('NSWN'), 0);
});

test('finds nothing in a text without terms, and nothing with an empty termbase', () => {
  assert.deepEqual(found('Ordinary words about the economy.'), []);
  const empty = compileTermbase(mergeTermbases([]));
  assert.deepEqual(scanTerms(parseDocument('A modern industrial base.', 'markdown'), empty).matches, []);
});

test('the longest match wins: "modernized industrial base" over "industrial base"', () => {
  assert.deepEqual(found('A modernized industrial base and an industrial base.'), [
    ['modernized industrial base', 'mzib'],
    ['industrial base', 'ib'],
  ]);
  assert.deepEqual(found('The new-style whole-of-nation system replaced the whole-of-nation system.'), [
    ['new-style whole-of-nation system', 'nswn'],
    ['whole-of-nation system', 'won'],
  ]);
});

test('the longest hanzi match wins: 新型举国体制 over the 举国体制 inside it', () => {
  assert.deepEqual(found('新型举国体制 and 举国体制'), [['新型举国体制', 'nswn'], ['举国体制', 'won']]);
});

test('respects word boundaries: "subsystem" and "ecosystems" do not match "system"', () => {
  assert.deepEqual(found('The subsystem, the ecosystems and the system.'), [['system', 'system']]);
});

test('a term inside a longer word never matches', () => {
  assert.deepEqual(found('An industrial basement, an SOEX, the whole-of-nation systemic view, whole-of-nationalism, NSWNX and preindustrial base.'), []);
});

test('English matches whatever the case', () => {
  assert.deepEqual(found('Modern Industrial Base and MODERN INDUSTRIAL BASE.'), [
    ['Modern Industrial Base', 'mib'],
    ['MODERN INDUSTRIAL BASE', 'mib'],
  ]);
});

test('acronyms match case-sensitively: "NSWN" matches, "nswn" and "Nswn" do not', () => {
  assert.deepEqual(found('NSWN and nswn and Nswn.'), [['NSWN', 'nswn']]);
});

test('a case-sensitive concept matches only as written', () => {
  assert.deepEqual(found('The Belt and Road Initiative, not the belt and road initiative.'), [['Belt and Road Initiative', 'bri']]);
});

test('hyphens, en dashes, line breaks and runs of spaces are all the same', () => {
  const variants = [
    'whole-of-nation system',
    'whole of nation system',
    'whole-of\nnation system',
    'whole–of–nation system',
    'whole  of   nation\tsystem',
    'whole-of-\nnation system',
  ];
  for (const variant of variants) {
    assert.deepEqual(found(`The ${variant} here.`), [[variant, 'won']], JSON.stringify(variant));
  }
});

test('matches hyphenated words glued by PDF extraction: "whole-ofnation", "wholeofnation", "stateowned"', () => {
  assert.deepEqual(found('The whole-ofnation system.'), [['whole-ofnation system', 'won']]);
  assert.deepEqual(found('The wholeofnation system.'), [['wholeofnation system', 'won']]);
  assert.deepEqual(found('Large stateowned enterprise.'), [['stateowned enterprise', 'soe']]);
  assert.deepEqual(found('Large state owned enterprise.'), [['state owned enterprise', 'soe']]);
});

test('a hard line break in Markdown (two spaces or a backslash) still separates words', () => {
  assert.deepEqual(found('A modern industrial  \nbase here.'), [['modern industrial  \nbase', 'mib']]);
  assert.deepEqual(found('A modern industrial\\\nbase here.'), [['modern industrial\\\nbase', 'mib']]);
});

test('curly and straight apostrophes are the same', () => {
  assert.deepEqual(found("The National People’s Congress and the National People's Congress."), [
    ['National People’s Congress', 'npc'],
    ["National People's Congress", 'npc'],
  ]);
  assert.deepEqual(found("Xi Jinping's thought and Xi Jinping’s thought."), [
    ["Xi Jinping's thought", 'xi-thought'],
    ['Xi Jinping’s thought', 'xi-thought'],
  ]);
});

test('double quotes, straight or curly, around or inside a term do not stop it', () => {
  assert.deepEqual(found('A “modernized industrial base” and a "new-style whole-of-nation" system.'), [
    ['modernized industrial base', 'mzib'],
    ['new-style whole-of-nation" system', 'nswn'],
  ]);
});

test('matches simple plurals: "SOEs", "industrial bases", "technologies", "systems"', () => {
  const matches = scan('SOEs, industrial bases, technologies and systems.');
  assert.deepEqual(
    matches.map((m) => [compiled.concepts[m.concept]!.id, m.pluralSuffix]),
    [['soe', 's'], ['ib', 's'], ['technology', 'ies'], ['system', 's']],
  );
  const text = 'SOEs, industrial bases, technologies and systems.';
  assert.deepEqual(matches.map((m) => text.slice(m.start, m.end)), ['SOEs', 'industrial bases', 'technologies', 'systems']);
});

test('the plural of a case-sensitive acronym keeps its case check: "soes" is not SOE', () => {
  assert.deepEqual(found('The soes and the Soes.'), []);
});

test('matches hanzi with white space inside: "两 张皮", "现代 化产业体系", a line break', () => {
  assert.deepEqual(found('两 张皮 and 现代 化产业体系 and 现代产业\n体系'), [
    ['两 张皮', 'two-layers'],
    ['现代 化产业体系', 'mzib'],
    ['现代产业\n体系', 'mib'],
  ]);
  assert.deepEqual(found('两 张皮 and 现代 化产业体系', 'plaintext'), [['两 张皮', 'two-layers'], ['现代 化产业体系', 'mzib']]);
});

test('matches terms inside and around full-width parentheses', () => {
  assert.deepEqual(found('现代产业体系（modern industrial base）and modern industrial base（现代产业体系）'), [
    ['现代产业体系', 'mib'],
    ['modern industrial base', 'mib'],
    ['modern industrial base', 'mib'],
    ['现代产业体系', 'mib'],
  ]);
});

test('matches a full-width comma where the term has a comma', () => {
  assert.deepEqual(found('A small yard，high fence and a small yard, high fence.'), [
    ['small yard，high fence', 'yard'],
    ['small yard, high fence', 'yard'],
  ]);
});

test('matches traditional characters to the concept whose simplified entry they belong to', () => {
  const text = '新型舉國體制、舉國體制 and 小院高牆';
  const matches = scan(text);
  assert.deepEqual(matches.map((m) => [text.slice(m.start, m.end), compiled.concepts[m.concept]!.id, m.form.kind]), [
    ['新型舉國體制', 'nswn', 'zhTraditional'],
    ['舉國體制', 'won', 'zhTraditional'],
    ['小院高牆', 'yard', 'zhTraditional'],
  ]);
});

test('a punctuation barrier stops a match: "industrial. Base", "industrial, base"', () => {
  assert.deepEqual(found('We need industrial. Base rates rose.'), []);
  assert.deepEqual(found('Modern industrial, base and more.'), []);
  assert.deepEqual(found('Modern industrial; base and more.'), []);
});

test('an emoji before a match keeps its offsets exact', () => {
  const text = '😀 NSWN and 🇨🇳modern industrial base 😀😀 现代产业体系';
  assert.deepEqual(found(text), [['NSWN', 'nswn'], ['modern industrial base', 'mib'], ['现代产业体系', 'mib']]);
  const matches = scan(text);
  assert.equal(matches[0]!.start, 3);
  assert.equal(matches[1]!.start, text.indexOf('modern'));
  assert.equal(matches[2]!.end, text.length);
});

test('a match across emphasis markup is not contiguous; a plain one is', () => {
  const text = '*modernized* industrial base and the modernized industrial base.';
  const matches = scan(text);
  assert.equal(matches.length, 2);
  assert.equal(text.slice(matches[0]!.start, matches[0]!.end), 'modernized* industrial base');
  assert.equal(matches[0]!.isContiguous, false);
  assert.equal(matches[1]!.isContiguous, true);
  const inQuote = scan('> a modern industrial\n> base here');
  assert.equal(inQuote.length, 1);
  assert.equal(inQuote[0]!.isContiguous, false, 'a block-quote marker inside the match');
});

test('does not match inside code, URLs or link destinations', () => {
  assert.deepEqual(found('Use `industrial base` and https://x.org/industrial-base and [text](industrial%20base) and <https://nswn.org/NSWN>.'), []);
  assert.deepEqual(found('See https://x.org/NSWN now.', 'plaintext'), []);
});

test('matches in headings, list items, table cells and block quotes', () => {
  const text = '# The NSWN\n\n- industrial base\n\n| SOE |\n| --- |\n\n> 两张皮';
  assert.deepEqual(found(text), [['NSWN', 'nswn'], ['industrial base', 'ib'], ['SOE', 'soe'], ['两张皮', 'two-layers']]);
});

test('matches with CRLF line ends inside a term, exact offsets', () => {
  const text = 'Line one.\r\nThe modern\r\nindustrial base.\r\n';
  const matches = scan(text);
  assert.equal(matches.length, 1);
  assert.equal(text.slice(matches[0]!.start, matches[0]!.end), 'modern\r\nindustrial base');
});

test('matches never overlap and come in document order', () => {
  const text = 'modern industrial base industrial base NSWN 新型举国体制举国体制 systems';
  const matches = scan(text);
  for (let i = 1; i < matches.length; i++) assert.ok(matches[i - 1]!.end <= matches[i]!.start);
  assert.deepEqual(matches.map((m) => compiled.concepts[m.concept]!.id), ['mib', 'ib', 'nswn', 'nswn', 'won', 'system']);
});
