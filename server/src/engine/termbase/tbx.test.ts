import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseTbx } from './tbx';
import type { Concept, TermbaseFile } from './model';

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/termbases/', import.meta.url));
const load = (name: string): TermbaseFile => parseTbx(readFileSync(fixtures + name, 'utf8'), name);
const byId = (result: TermbaseFile, id: string): Concept => {
  const concept = result.concepts.find((c) => c.id === id);
  assert.ok(concept, `concept "${id}" loaded`);
  return concept;
};
/** A TBX-Basic v2 file around the given entries; the entries start on line 5. */
const martif = (entries: string, doctype = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}<martif type="TBX-Basic" xml:lang="en">\n<text>\n<body>\n${entries}\n</body>\n</text>\n</martif>\n`;
const entry = (id: string, en: string, zh = '') =>
  `<termEntry id="${id}">${zh ? `<langSet xml:lang="zh"><tig><term>${zh}</term></tig></langSet>` : ''}<langSet xml:lang="en"><tig><term>${en}</term></tig></langSet></termEntry>`;
const tig = (term: string, status?: string, termType?: string) =>
  `<tig><term>${term}</term>${status ? `<termNote type="administrativeStatus">${status}</termNote>` : ''}${termType ? `<termNote type="termType">${termType}</termNote>` : ''}</tig>`;

test('reads a TBX-Basic v2 file exported by a CAT tool, with tig and ntig/termGrp entries', () => {
  const result = load('basic-v2.tbx');
  assert.deepEqual(result.problems, []);
  assert.equal(result.isUnusable, undefined);
  assert.deepEqual(result.concepts.map((c) => c.id), ['nswn', 'modern-industrial-base', 'modernized-industrial-base', 'dual-circulation']);
  assert.deepEqual(byId(result, 'nswn'), {
    id: 'nswn',
    zh: ['新型举国体制'],
    zhTraditional: ['新型舉國體制'],
    pinyin: 'xīnxíng jǔguó tǐzhì',
    preferred: 'new-style whole-of-nation system',
    admitted: ['new whole-of-nation system'],
    deprecated: ['new national system', 'whole-nation system'],
    acronym: 'NSWN',
    definition: 'The state-led mobilisation of resources to achieve breakthroughs in core technologies.',
    source: 'The brief, section 2',
    origin: { file: 'basic-v2.tbx', line: 11, column: 7 },
  });
  const modern = byId(result, 'modern-industrial-base');
  assert.equal(modern.preferred, 'modern industrial base');
  assert.deepEqual(modern.admitted, ['modern industrial system']);
  assert.deepEqual(modern.zh, ['现代产业体系']);
});

test('maps administrative statuses, superseded and forbidden included, onto preferred, admitted and deprecated', () => {
  const result = load('basic-v2.tbx');
  const nswn = byId(result, 'nswn');
  assert.equal(nswn.preferred, 'new-style whole-of-nation system'); // preferredTerm-admn-sts
  assert.deepEqual(nswn.admitted, ['new whole-of-nation system']); // admittedTerm-admn-sts
  assert.deepEqual(nswn.deprecated, ['new national system', 'whole-nation system']); // superseded, deprecated
  assert.deepEqual(byId(result, 'dual-circulation').deprecated, ['double circulation']); // "forbidden"

  const short = parseTbx(
    martif(`<termEntry id="t"><langSet xml:lang="en">${tig('a', 'admitted')}${tig('b', 'preferred')}${tig('c', 'deprecated')}${tig('d', 'superseded')}${tig('e', 'forbiddenTerm-admn-sts')}</langSet></termEntry>`),
    'short.tbx',
  );
  assert.deepEqual(short.problems, []);
  const concept = byId(short, 't');
  assert.equal(concept.preferred, 'b');
  assert.deepEqual(concept.admitted, ['a']);
  assert.deepEqual(concept.deprecated, ['c', 'd', 'e']);
});

test('maps zh-CN, zh-Hans and zh-SG to simplified, zh-TW, zh-Hant and zh-HK to traditional, and zh-Latn or a pronunciation note to pinyin', () => {
  const v2 = load('basic-v2.tbx');
  assert.deepEqual(byId(v2, 'nswn').zh, ['新型举国体制']); // zh-CN
  assert.deepEqual(byId(v2, 'nswn').zhTraditional, ['新型舉國體制']); // zh-TW
  assert.equal(byId(v2, 'nswn').pinyin, 'xīnxíng jǔguó tǐzhì'); // termNote type="pronunciation"
  assert.deepEqual(byId(v2, 'modernized-industrial-base').zh, ['现代化产业体系']); // zh-Hans
  const dual = byId(v2, 'dual-circulation');
  assert.deepEqual(dual.zh, ['双循环']); // zh-SG
  assert.deepEqual(dual.zhTraditional, ['雙循環']); // zh-HK
  assert.equal(dual.pinyin, 'shuāng xúnhuán'); // zh-Latn-pinyin
  assert.equal(dual.preferred, 'dual circulation'); // the German term is ignored
  assert.deepEqual(byId(load('v3.tbx'), 'nswn').zhTraditional, ['新型舉國體制']); // zh-Hant
});

test('makes the first English term without a status preferred when none is marked, and the others admitted', () => {
  const concept = byId(load('basic-v2.tbx'), 'modernized-industrial-base');
  assert.equal(concept.preferred, 'modernized industrial base');
  assert.deepEqual(concept.admitted, ['modernised industrial base']);

  const marked = byId(parseTbx(martif(`<termEntry id="t"><langSet xml:lang="en-GB">${tig('first')}${tig('second', 'preferredTerm-admn-sts')}${tig('third')}</langSet></termEntry>`), 'f.tbx'), 't');
  assert.equal(marked.preferred, 'second');
  assert.deepEqual(marked.admitted, ['first', 'third']);
});

test('reads a TBX v3 file in the DCA style', () => {
  const result = load('v3.tbx');
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.concepts.map((c) => c.id), ['nswn', 'dual-circulation']);
  const nswn = byId(result, 'nswn');
  assert.deepEqual(nswn.zh, ['新型举国体制']);
  assert.equal(nswn.preferred, 'new-style whole-of-nation system');
  assert.equal(nswn.acronym, 'NSWN');
  assert.deepEqual(nswn.deprecated, ['new national system']);
  assert.equal(nswn.definition, 'The state-led mobilisation of resources to achieve breakthroughs in core technologies.');
  assert.deepEqual(nswn.origin, { file: 'v3.tbx', line: 11, column: 7 });
});

test('reads a TBX v3 file in the DCT style, matching namespaced elements by local name', () => {
  const result = load('v3-dct.tbx');
  assert.deepEqual(result.problems, []);
  const nswn = byId(result, 'nswn');
  assert.equal(nswn.preferred, 'new-style whole-of-nation system');
  assert.equal(nswn.acronym, 'NSWN');
  assert.deepEqual(nswn.admitted, []);
  assert.deepEqual(nswn.deprecated, ['new national system']); // basic:administrativeStatus supersededTerm-admn-sts
  assert.equal(nswn.definition, 'The state-led mobilisation of resources to achieve breakthroughs in core technologies.');
  const modernized = byId(result, 'modernized-industrial-base');
  assert.deepEqual(modernized.zh, ['现代化产业体系']);
  assert.deepEqual(modernized.deprecated, ['modernised industrial system']);
});

test('treats an acronym or abbreviation termType as the acronym, in English or language-neutral, and fullForm as an ordinary term', () => {
  const result = parseTbx(
    martif(
      `<termEntry id="a"><langSet xml:lang="en">${tig('new-style whole-of-nation system', undefined, 'fullForm')}${tig('NSWN', 'preferredTerm-admn-sts', 'acronym')}</langSet></termEntry>\n` +
        `<termEntry id="b"><langSet xml:lang="en">${tig('dual circulation')}</langSet><langSet xml:lang="und">${tig('DC', undefined, 'abbreviation')}</langSet></termEntry>`,
    ),
    'acronyms.tbx',
  );
  assert.deepEqual(result.problems, []);
  assert.equal(byId(result, 'a').preferred, 'new-style whole-of-nation system');
  assert.equal(byId(result, 'a').acronym, 'NSWN');
  assert.deepEqual(byId(result, 'a').admitted, []);
  assert.equal(byId(result, 'b').acronym, 'DC');
});

test('prefers an English definition to one at concept level or in another language', () => {
  assert.equal(
    byId(load('basic-v2.tbx'), 'dual-circulation').definition,
    'The strategy, announced in 2020, of relying on the domestic market while staying open to foreign trade.',
  );
});

test('parses a DOCTYPE with a SYSTEM id, and one with an internal subset, without fetching anything', () => {
  const system = parseTbx(martif(entry('dual-circulation', 'dual circulation', '双循环'), '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'), 'system.tbx');
  assert.deepEqual(system.problems, []);
  assert.equal(system.concepts.length, 1);

  const subset = `<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "http://127.0.0.1:9/TBXcoreStructV02.dtd" [
  <!ELEMENT note (#PCDATA)>
  <!ATTLIST termEntry id ID #IMPLIED>
  <!-- a comment with ]> inside -->
]>
`;
  const internal = parseTbx(martif(entry('dual-circulation', 'dual circulation', '双循环'), subset), 'subset.tbx');
  assert.deepEqual(internal.problems, []);
  assert.equal(byId(internal, 'dual-circulation').preferred, 'dual circulation');
});

test('does not expand a billion-laughs entity bomb: it loads fast and the reference becomes a problem', () => {
  const declarations = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) declarations.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  const doctype = `<!DOCTYPE martif [\n${declarations.join('\n')}\n]>\n`;
  const text = martif(`${entry('bomb', '&lol9;')}\n${entry('dual-circulation', 'dual circulation')}`, doctype);

  const started = performance.now();
  const result = parseTbx(text, 'lol.tbx');
  assert.ok(performance.now() - started < 1000, 'parsing took under a second');
  assert.deepEqual(result.concepts.map((c) => c.id), ['dual-circulation']);
  assert.equal(result.problems.length, 1);
  const [problem] = result.problems;
  assert.equal(problem!.severity, 'error');
  assert.match(problem!.message, /&lol9;.*not expanded.*entry "bomb" skipped/);
  assert.equal(problem!.line, 17); // the entry after 13 lines of prolog and 3 of martif, text, body
  assert.ok(JSON.stringify(result).length < 2000, 'nothing was expanded');

  // The classic form, with its own root element: unusable, and just as cheap.
  const classic = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${declarations.join('\n')}\n]>\n<lolz>&lol9;</lolz>\n`;
  const classicStarted = performance.now();
  const classicResult = parseTbx(classic, 'lolz.xml');
  assert.ok(performance.now() - classicStarted < 1000);
  assert.equal(classicResult.isUnusable, true);
  assert.deepEqual(classicResult.concepts, []);
});

test('never resolves an external entity or an external DTD', () => {
  const secret = fixtures + 'secret.txt';
  const url = new URL(`file://${secret}`).href;
  const doctype = `<!DOCTYPE martif SYSTEM "${url}" [\n<!ENTITY % remote SYSTEM "${url}">\n%remote;\n<!ENTITY xxe SYSTEM "${url}">\n]>\n`;
  const result = parseTbx(martif(`${entry('leak', '&xxe;')}\n${entry('dual-circulation', 'dual circulation')}`, doctype), 'xxe.tbx');
  assert.doesNotMatch(JSON.stringify(result), /SECRET-MARKER/);
  assert.deepEqual(result.concepts.map((c) => c.id), ['dual-circulation']);
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0]!.message, /external entity &xxe; is never resolved/);
});

test('reports an undefined entity or a bare ampersand as a problem, not a crash', () => {
  const undefinedEntity = parseTbx(martif(`${entry('a', 'R&amp;D &nbsp;base')}\n${entry('b', 'dual circulation')}`), 'entity.tbx');
  assert.deepEqual(undefinedEntity.concepts.map((c) => c.id), ['b']);
  assert.equal(undefinedEntity.problems.length, 1);
  assert.match(undefinedEntity.problems[0]!.message, /undefined entity &nbsp;/);
  assert.equal(undefinedEntity.problems[0]!.line, 5);

  const bare = parseTbx(martif(`${entry('b', 'dual circulation')}\n${entry('a', 'R&D system')}`), 'amp.tbx');
  assert.deepEqual(bare.concepts.map((c) => c.id), ['b']);
  assert.equal(bare.problems.length, 1);
  assert.match(bare.problems[0]!.message, /bare "&"/);
  assert.equal(bare.problems[0]!.line, 6);
});

test('reports an unclosed tag midway at its start tag, and loads the entries before and after it', () => {
  const result = load('broken.tbx');
  assert.deepEqual(result.concepts.map((c) => c.id), ['modern-industrial-base', 'dual-circulation']);
  assert.equal(result.problems.length, 1);
  const [problem] = result.problems;
  assert.deepEqual({ line: problem!.line, column: problem!.column, severity: problem!.severity }, { line: 13, column: 13, severity: 'error' });
  assert.match(problem!.message, /<term> is not closed \(found <\/tig> at line 14.*entry "nswn" skipped/);
});

test('keeps the entries completed before a truncated end of file', () => {
  const text = martif(`${entry('modern-industrial-base', 'modern industrial base')}\n${entry('nswn', 'new-style whole-of-nation system')}`);
  const cut = text.slice(0, text.indexOf('new-style'));
  const result = parseTbx(cut, 'cut.tbx');
  assert.deepEqual(result.concepts.map((c) => c.id), ['modern-industrial-base']);
  assert.equal(result.problems.length, 1);
  assert.equal(result.problems[0]!.line, 6);
  assert.match(result.problems[0]!.message, /<term> is not closed before the end of the file; entry "nswn" skipped/);
});

test('stops at a close tag with no start tag, keeping the entries before it', () => {
  const result = parseTbx(martif(`${entry('a', 'dual circulation')}\n</langSet>\n${entry('b', 'modern industrial base')}`), 'stray.tbx');
  assert.deepEqual(result.concepts.map((c) => c.id), ['a']);
  assert.equal(result.problems.length, 1);
  assert.deepEqual([result.problems[0]!.line, result.problems[0]!.column], [6, 1]);
  assert.match(result.problems[0]!.message, /<\/langSet> has no matching start tag/);
});

test('skips an entry whose end tag is missing, and still loads the entries that follow', () => {
  const result = parseTbx(
    martif(`<termEntry id="a"><langSet xml:lang="en">${tig('x')}</langSet>\n${entry('b', 'dual circulation')}\n${entry('c', 'modern industrial base')}`),
    'open.tbx',
  );
  assert.deepEqual(result.concepts.map((c) => c.id), ['b', 'c']);
  assert.equal(result.problems.length, 1);
  assert.equal(result.problems[0]!.line, 5);
  assert.match(result.problems[0]!.message, /<termEntry> is not closed .*entry "a" skipped/);
});

test('skips an entry with no English term and loads the rest', () => {
  const result = parseTbx(
    martif(`<termEntry id="shuangxunhuan"><langSet xml:lang="zh">${tig('双循环')}</langSet></termEntry>\n${entry('nswn', 'new-style whole-of-nation system', '新型举国体制')}`),
    'no-en.tbx',
  );
  assert.deepEqual(result.concepts.map((c) => c.id), ['nswn']);
  assert.deepEqual(result.problems, [
    { file: 'no-en.tbx', line: 5, column: 1, severity: 'error', message: 'entry "shuangxunhuan" has no preferred English term; entry skipped' },
  ]);
});

test('skips an entry whose English terms are all deprecated', () => {
  const result = parseTbx(martif(`<termEntry id="t"><langSet xml:lang="en">${tig('whole-nation system', 'deprecatedTerm-admn-sts')}</langSet></termEntry>`), 'dep.tbx');
  assert.deepEqual(result.concepts, []);
  assert.match(result.problems[0]!.message, /no preferred English term \(only deprecated ones\); entry skipped/);
});

test('warns about two preferred English terms: the first wins and the others are admitted', () => {
  const result = parseTbx(
    martif(`<termEntry id="modern-industrial-base"><langSet xml:lang="en">${tig('modern industrial base', 'preferredTerm-admn-sts')}${tig('modern industrial system', 'preferredTerm-admn-sts')}</langSet></termEntry>`),
    'two.tbx',
  );
  const concept = byId(result, 'modern-industrial-base');
  assert.equal(concept.preferred, 'modern industrial base');
  assert.deepEqual(concept.admitted, ['modern industrial system']);
  assert.equal(result.problems.length, 1);
  assert.deepEqual([result.problems[0]!.severity, result.problems[0]!.line, result.problems[0]!.column], ['warning', 5, 1]);
  assert.match(result.problems[0]!.message, /2 preferred English terms/);
});

test('warns about an unknown status value and reads the term without a status', () => {
  const result = parseTbx(
    martif(`<termEntry id="t"><langSet xml:lang="en">\n${tig('dual circulation', 'preferredTerm-admn-sts')}\n${tig('domestic circulation', 'maybeTerm-admn-sts')}</langSet></termEntry>`),
    'unknown.tbx',
  );
  const concept = byId(result, 't');
  assert.deepEqual(concept.admitted, ['domestic circulation']);
  assert.equal(result.problems.length, 1);
  assert.equal(result.problems[0]!.severity, 'warning');
  assert.equal(result.problems[0]!.line, 7);
  assert.match(result.problems[0]!.message, /unknown administrative status "maybeTerm-admn-sts"/);
});

test('generates entry-<line> ids when an entry has none, unique even on one line', () => {
  const oneLine = martif(`<termEntry><langSet xml:lang="en">${tig('a')}</langSet></termEntry><termEntry><langSet xml:lang="en">${tig('b')}</langSet></termEntry>`);
  const result = parseTbx(oneLine, 'ids.tbx');
  assert.deepEqual(result.problems, []);
  assert.equal(result.concepts[0]!.id, 'entry-5');
  assert.match(result.concepts[1]!.id, /^entry-5-\d+$/);
  assert.notEqual(result.concepts[0]!.id, result.concepts[1]!.id);
});

test('skips an entry that reuses an id', () => {
  const result = parseTbx(martif(`${entry('dual', 'dual circulation')}\n${entry('dual', 'double circulation')}`), 'dup.tbx');
  assert.deepEqual(result.concepts.map((c) => c.preferred), ['dual circulation']);
  assert.match(result.problems[0]!.message, /duplicate id "dual" \(first used at line 5\); entry skipped/);
  assert.equal(result.problems[0]!.line, 6);
});

test('marks a file with another root element, or no XML at all, as unusable', () => {
  const html = parseTbx('<html><body><p>glossary</p></body></html>', 'page.tbx');
  assert.equal(html.isUnusable, true);
  assert.match(html.problems[0]!.message, /root element is <html>/);

  for (const text of ['id,en\nnswn,new-style whole-of-nation system\n', '']) {
    const result = parseTbx(text, 'not-xml.tbx');
    assert.equal(result.isUnusable, true);
    assert.deepEqual(result.concepts, []);
    assert.equal(result.problems.length, 1);
    assert.deepEqual([result.problems[0]!.line, result.problems[0]!.column], [1, 1]);
  }
});

test('ignores a byte order mark when counting columns', () => {
  const result = parseTbx(`\uFEFF<martif><text><body>${entry('a', 'dual circulation')}</body></text></martif>`, 'bom.tbx');
  assert.deepEqual(result.concepts[0]!.origin, { file: 'bom.tbx', line: 1, column: 21 });
});

test('never throws on arbitrary or mangled input, and places every problem at a 1-based line and column', () => {
  const original = readFileSync(fixtures + 'basic-v2.tbx', 'utf8');
  const check = (text: string) => {
    const result = parseTbx(text, 'fuzz');
    for (const problem of result.problems) {
      assert.ok(problem.line >= 1 && problem.column >= 1, JSON.stringify(problem));
      assert.ok(problem.severity === 'error' || problem.severity === 'warning');
    }
    for (const concept of result.concepts) assert.ok(concept.id && concept.preferred);
  };
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), check), { numRuns: 300 });
  // Cut a piece out of a real file, or insert markup characters into it.
  const mangled = fc
    .tuple(fc.nat(original.length), fc.nat(40), fc.constantFrom('', '<', '>', '&', '"', '</', '\n', ',', ';', '|'))
    .map(([at, length, insert]) => original.slice(0, at) + insert + original.slice(at + length));
  fc.assert(fc.property(mangled, check), { numRuns: 500 });
});

// ---- scope without stack walks (the loader must stay linear in the nesting depth) -------------

const cpuMsOf = (action: () => void): number => {
  const before = process.cpuUsage();
  action();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

test('reads the language, container and entry of a term from ancestors any depth above it', () => {
  const wrap = (inner: string, depth: number) => `${'<x>'.repeat(depth)}${inner}${'</x>'.repeat(depth)}`;
  const result = parseTbx(
    martif(
      `<termEntry id="deep">${wrap(`<langSet xml:lang="zh-Hant">${wrap('<tig>' + wrap('<term>新型舉國體制</term>', 3) + '</tig>', 5)}</langSet>`, 4)}` +
        `<langSet xml:lang="en">${wrap(`<tig>${wrap('<term>new-style whole-of-nation system</term>', 2)}</tig>`, 3)}${wrap('<descrip type="definition">English words</descrip>', 2)}</langSet>` +
        `${wrap('<descrip type="definition">concept words</descrip>', 2)}</termEntry>`,
    ),
    'deep.tbx',
  );
  assert.deepEqual(result.problems, []);
  const concept = byId(result, 'deep');
  assert.equal(concept.preferred, 'new-style whole-of-nation system');
  assert.deepEqual(concept.zhTraditional, ['新型舉國體制']);
  assert.equal(concept.definition, 'English words');
});

test('ranks a concept-level definition above one in another language, and a nested entry hides its outer entry\'s term container', () => {
  const concept = parseTbx(
    martif(
      `<termEntry id="a"><langSet xml:lang="fr"><descrip type="definition">mots</descrip></langSet><x><descrip type="definition">concept words</descrip></x><langSet xml:lang="en">${tig('dual circulation')}</langSet></termEntry>`,
    ),
    'rank.tbx',
  );
  assert.equal(byId(concept, 'a').definition, 'concept words');
  // The inner entry is not inside the outer <tig> as far as terms go: its bare <term> is its own container.
  const nested = parseTbx(martif(`<termEntry id="outer"><langSet xml:lang="en"><tig><term>modern industrial base</term><termEntry id="inner"><term>dual circulation</term></termEntry></tig></langSet></termEntry>`), 'nested.tbx');
  assert.equal(byId(nested, 'inner').preferred, 'dual circulation');
  assert.equal(byId(nested, 'inner').zh.length, 0);
  assert.equal(byId(nested, 'outer').preferred, 'modern industrial base');
});

test('skips every entry left open at the end of the file, nested or not, and names each once', () => {
  const result = parseTbx(`<martif><termEntry id="a"><termEntry id="b">${tig('x')}<termEntry id="c">`, 'open.tbx');
  assert.deepEqual(result.concepts, []);
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0]!.message, /<termEntry> is not closed before the end of the file; entry "c" skipped; entry "b" skipped; entry "a" skipped$/);
});

test('skips only the entries open when an XML error occurs, not those that open after it inside the same element', () => {
  const result = parseTbx(
    martif(`<termEntry id="outer"><langSet xml:lang="en">${tig('modern industrial base')}&bogus;<x>${entry('inner', 'dual circulation')}</x></langSet></termEntry>`),
    'taint.tbx',
  );
  assert.deepEqual(result.concepts.map((c) => c.id), ['inner']);
  assert.equal(result.problems.length, 1);
  assert.match(result.problems[0]!.message, /undefined entity &bogus;.*entry "outer" skipped/);
});

test('reports a close tag that skips open elements at the innermost one, however deep', () => {
  const result = parseTbx(`<martif><y>${'<x>'.repeat(1000)}</y></martif>`, 'mismatch.tbx');
  assert.equal(result.problems.length, 1);
  assert.deepEqual([result.problems[0]!.line, result.problems[0]!.column], [1, '<martif><y>'.length + 3 * 999 + 1]);
  assert.match(result.problems[0]!.message, /<x> is not closed \(found <\/y> at line 1, column 3012\)/);
});

test('keeps one copy of each Chinese term and each deprecated term, in file order, preferred first', () => {
  const result = parseTbx(
    martif(
      `<termEntry id="a"><langSet xml:lang="en">${tig('dual circulation')}${tig('two cycles', 'deprecatedTerm-admn-sts')}${tig('two cycles', 'deprecatedTerm-admn-sts')}${tig('TC', 'deprecatedTerm-admn-sts', 'acronym')}</langSet>` +
        `<langSet xml:lang="zh">${tig('国内国际双循环')}${tig('双循环', 'preferredTerm-admn-sts')}${tig('国内国际双循环')}${tig('双循环')}</langSet></termEntry>`,
    ),
    'dupes.tbx',
  );
  const concept = byId(result, 'a');
  assert.deepEqual(concept.zh, ['双循环', '国内国际双循环']);
  assert.deepEqual(concept.deprecated, ['two cycles', 'TC']);
});

test('loads 50,000-deep, unclosed, mismatched and 20,000-term files in linear time', () => {
  const N = 50_000;
  const shapes: Record<string, string> = {
    'nested elements': `<martif>${'<x>'.repeat(N)}${'</x>'.repeat(N)}</martif>`,
    'nested elements inside an entry': `<martif><termEntry id="a">${'<x>'.repeat(N)}${'</x>'.repeat(N)}</termEntry></martif>`,
    'nested language sections': `<martif><termEntry id="a">${'<langSet xml:lang="en">'.repeat(N)}<term>x</term>${'</langSet>'.repeat(N)}</termEntry></martif>`,
    'elements never closed': `<martif>${'<x>'.repeat(N)}`,
    'entries never closed': `<martif>${'<termEntry>'.repeat(N)}`,
    'a close tag that skips every open element': `<martif><y>${'<x>'.repeat(N)}</y></martif>`,
    '20,000 Chinese terms in one entry': `<martif><termEntry id="a"><langSet xml:lang="en">${tig('x')}</langSet><langSet xml:lang="zh">${Array.from({ length: 20_000 }, (_, i) => tig(`t${i}`)).join('')}</langSet></termEntry></martif>`,
  };
  // Each took 2 to 10 s when every element walked the open-element stack; now a few hundred ms.
  const slow = Object.entries(shapes)
    .map(([name, text]) => ({ name, ms: cpuMsOf(() => parseTbx(text, 'hostile.tbx')) }))
    .filter(({ ms }) => ms > 1500)
    .map(({ name, ms }) => `${name}: ${Math.round(ms)} ms`);
  assert.deepEqual(slow, []);
});
