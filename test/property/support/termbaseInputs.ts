/**
 * Termbase inputs for the loader properties: real files (the bundled termbase,
 * the TBX and CSV fixtures) truncated and mutated, generated JSON, TBX and CSV
 * with hostile values, entity declarations and broken syntax, and plain noise.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { loadTermbaseText, type TermbaseFile } from '../../../server/src/engine/index';
import { ROOT, cpuTimeOf } from './engine';
import { hostileText } from './arbitraries';

export interface TermbaseInput {
  text: string;
  /** The file name: its extension picks the loader. */
  name: string;
}

let seeds: TermbaseInput[] | undefined;

/** The real termbases in the repository, as the base of mutations. */
export function seedTermbases(): TermbaseInput[] {
  if (seeds) return seeds;
  seeds = [{ name: 'brief.json', text: readFileSync(path.join(ROOT, 'terminology', 'brief.json'), 'utf8') }];
  const fixtures = path.join(ROOT, 'test', 'fixtures', 'termbases');
  for (const name of readdirSync(fixtures).sort()) {
    if (/\.(?:tbx|csv|json)$/.test(name)) seeds.push({ name, text: readFileSync(path.join(fixtures, name), 'utf8') });
  }
  return seeds;
}

const extension = fc.constantFrom('.json', '.tbx', '.xml', '.csv', '.JSON', '.Tbx', '.txt');

const XML_NOISE = [
  '<', '>', '&', '&amp;', '&lt;', '&#0;', '&#xD800;', '&#x10FFFF;', '&#x110000;', '&bogus;', '&lol9;', '&xxe;', '<![CDATA[', ']]>',
  '<!--', '-->', '<?pi x?>', '<!DOCTYPE martif [<!ENTITY a "b">]>', '</termEntry>', '<termEntry>', '<term>', '</term>', '"', "'",
  'xml:lang="en"', '<tig>', '</tig>', '<langSet xml:lang="zh">', '</langSet>', '\u0000', '\uffff', '\ud800',
];
const JSON_NOISE = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '\\uD800', '/*', '*/', '//', 'null', 'true', '1e999', '-', '"concepts"', '"en"', '\u0000', '\ud800', '__proto__'];
const CSV_NOISE = [',', '"', '""', '\n', '\r\n', '\r', ';', '\t', '|', 'id,en,zh\n', '\u0000', '\ufeff', '"unclosed'];

/** One real termbase with random damage: truncated, bytes inserted or deleted, ranges duplicated. */
function mutatedSeed(): fc.Arbitrary<TermbaseInput> {
  const damage = fc.tuple(
    fc.constantFrom('truncate', 'insert', 'delete', 'duplicate', 'crlf', 'cr'),
    fc.nat(),
    fc.nat({ max: 400 }),
    fc.oneof(fc.constantFrom(...XML_NOISE, ...JSON_NOISE, ...CSV_NOISE), hostileText),
  );
  return fc.tuple(fc.nat(), fc.array(damage, { minLength: 1, maxLength: 5 }), fc.option(extension, { nil: undefined })).map(([which, damages, rename]) => {
    const seed = seedTermbases()[which % seedTermbases().length]!;
    let text = seed.text;
    for (const [kind, at, length, noise] of damages) {
      const start = text.length === 0 ? 0 : at % (text.length + 1);
      const end = Math.min(text.length, start + length);
      if (kind === 'truncate') text = text.slice(0, start);
      else if (kind === 'insert') text = text.slice(0, start) + noise + text.slice(start);
      else if (kind === 'delete') text = text.slice(0, start) + text.slice(end);
      else if (kind === 'duplicate') text = text.slice(0, end) + text.slice(start, end) + text.slice(end);
      else if (kind === 'crlf') text = text.replace(/\r?\n/g, '\r\n');
      else text = text.replace(/\r?\n/g, '\r');
    }
    const name = rename ? seed.name.replace(/\.[^.]+$/, rename) : seed.name;
    return { name, text };
  });
}

const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.constantFrom('新型举国体制', 'NSWN', 'new-style whole-of-nation system', '', ' ', 'S&T') },
  { weight: 1, arbitrary: fc.array(fc.oneof(hostileText, fc.constant(null), fc.integer()), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** JSON shaped like a termbase, with every field possibly the wrong type. */
const jsonTermbase: fc.Arbitrary<TermbaseInput> = fc
  .tuple(
    fc.array(
      fc.dictionary(fc.constantFrom('id', 'en', 'zh', 'zhTraditional', 'pinyin', 'admitted', 'deprecated', 'acronym', 'definition', 'note', 'source', 'caseSensitive', 'extra', '__proto__'), fieldValue, { maxKeys: 8 }),
      { maxLength: 8 },
    ),
    fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
    fc.boolean(),
  )
  .map(([concepts, extra, isPretty]) => ({ name: 'generated.json', text: JSON.stringify({ concepts, ...(extra !== undefined ? { extra } : {}) }, null, isPretty ? 2 : 0) }));

/** XML text content: hostile, or with character and entity references. */
const xmlText = fc.oneof(
  hostileText.map((s) => s.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))),
  hostileText,
  fc.constantFrom('新型举国体制', 'new-style whole-of-nation system', 'NSWN', '&#x41;&#66;', '&unknown;', '&lol9;', '<![CDATA[a < b]]>', ''),
);

const status = fc.constantFrom('preferredTerm-admn-sts', 'admittedTerm-admn-sts', 'deprecatedTerm-admn-sts', 'supersededTerm-admn-sts', 'bogus', '', 'forbidden');
const lang = fc.constantFrom('en', 'en-GB', 'zh', 'zh-Hans', 'zh-Hant', 'zh-TW', 'zh-Latn', 'fr', '', 'und', '\u0000');

/** TBX v2 or v3, generated, with odd languages, statuses, namespaces, a DOCTYPE and unbalanced tags now and then. */
const tbxTermbase: fc.Arbitrary<TermbaseInput> = fc
  .tuple(
    fc.constantFrom('v2', 'v3'),
    fc.constantFrom('', '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">', '<!DOCTYPE tbx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'),
    fc.array(
      fc.tuple(
        fc.option(xmlText, { nil: undefined }),
        fc.array(fc.tuple(lang, fc.array(fc.tuple(xmlText, fc.option(status, { nil: undefined }), fc.boolean()), { maxLength: 3 })), { maxLength: 3 }),
        fc.constantFrom('', '', '', '</langSet>', '<tig>', '&', '<term>'),
      ),
      { maxLength: 6 },
    ),
  )
  .map(([version, doctype, entries]) => {
    const [root, entry, langSec, termSec] = version === 'v2' ? ['martif', 'termEntry', 'langSet', 'tig'] : ['tbx', 'conceptEntry', 'langSec', 'termSec'];
    const body = entries
      .map(([id, langs, breakage]) => {
        const sections = langs
          .map(([l, terms]) => {
            const inner = terms
              .map(([term, st, isAcronym]) => {
                const note = st ? `<termNote type="administrativeStatus">${st}</termNote>` : '';
                const type = isAcronym ? '<termNote type="termType">acronym</termNote>' : '';
                return `<${termSec}><term>${term}</term>${note}${type}</${termSec}>`;
              })
              .join('');
            return `<${langSec} xml:lang="${l}">${inner}</${langSec}>`;
          })
          .join('');
        return `<${entry}${id !== undefined ? ` id="${id.replace(/[<&"]/g, '')}"` : ''}>${sections}${breakage}</${entry}>`;
      })
      .join('\n');
    return { name: 'generated.tbx', text: `<?xml version="1.0"?>\n${doctype}\n<${root} xml:lang="en"><text><body>\n${body}\n</body></text></${root}>\n` };
  });

/** CSV with a header (known, unknown or missing columns) and rows with quotes, separators and line breaks in odd places. */
const csvTermbase: fc.Arbitrary<TermbaseInput> = fc
  .tuple(
    fc.shuffledSubarray(['id', 'en', 'zh', 'zh_traditional', 'pinyin', 'admitted', 'deprecated', 'acronym', 'definition', 'English', 'bogus', ''], { minLength: 0, maxLength: 8 }),
    fc.constantFrom(',', ';', '\t'),
    fc.array(fc.array(fc.oneof(hostileText, fc.constantFrom('"quoted, with comma"', '"a ""b"" c"', '"unclosed', 'a"b', '新型举国体制', 'NSWN', 'x|y', '')), { maxLength: 10 }), { maxLength: 10 }),
  )
  .map(([header, sep, rows]) => ({ name: 'generated.csv', text: [header.join(sep), ...rows.map((r) => r.join(sep))].join('\n') }));

/** Any termbase input: real files damaged, generated files of each format, or noise under a termbase name. */
export function termbaseInputs(): fc.Arbitrary<TermbaseInput> {
  return fc.oneof(
    { weight: 4, arbitrary: mutatedSeed() },
    { weight: 2, arbitrary: jsonTermbase },
    { weight: 2, arbitrary: tbxTermbase },
    { weight: 2, arbitrary: csvTermbase },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 300 })), extension).map(([text, ext]) => ({ text, name: `noise${ext}` })) },
  );
}

/** A termbase of `count` entries in `format`, every other one bad in a way the loader must skip. */
export function termbaseWithBadEntries(format: 'json' | 'tbx' | 'csv', count: number): { text: string; good: number } {
  const entries = Array.from({ length: count }, (_, i) => ({ id: `c${i}`, isGood: i % 2 === 0 }));
  const good = entries.filter((e) => e.isGood).length;
  if (format === 'json') {
    const concepts = entries.map((e) => (e.isGood ? { id: e.id, en: `house term number ${e.id}`, zh: '新型举国体制' } : { id: e.id, zh: 7 }));
    return { text: JSON.stringify({ concepts }, null, 2), good };
  }
  if (format === 'csv') {
    return { text: `id,en,zh\n${entries.map((e) => (e.isGood ? `${e.id},house term number ${e.id},新型举国体制` : `${e.id},,`)).join('\n')}\n`, good };
  }
  const body = entries
    .map((e) =>
      e.isGood
        ? `<termEntry id="${e.id}"><langSet xml:lang="en"><tig><term>house term number ${e.id}</term></tig></langSet></termEntry>`
        : `<termEntry id="${e.id}"><langSet xml:lang="zh"><tig><term>新型举国体制</term></tig></langSet></termEntry>`,
    )
    .join('\n');
  return { text: `<?xml version="1.0"?>\n<martif xml:lang="en"><text><body>\n${body}\n</body></text></martif>\n`, good };
}

export function checkBadEntries(t: { diagnostic(message: string): void }, count: number, budgetMs: number): void {
  for (const format of ['json', 'tbx', 'csv'] as const) {
    const { text, good } = termbaseWithBadEntries(format, count);
    let file: TermbaseFile | undefined;
    const ms = cpuTimeOf(() => {
      file = loadTermbaseText(text, `house.${format}`);
    });
    t.diagnostic(`${format}: ${text.length} characters loaded in ${Math.round(ms)} ms CPU`);
    assert.equal(file!.concepts.length, good, `${format}: every good entry loads`);
    const errorLines = new Set(file!.problems.filter((p) => p.severity === 'error').map((p) => p.line));
    assert.ok(errorLines.size >= good, `${format}: each bad entry is reported on its own line (${errorLines.size} lines)`);
    // "Stay interactive": the server reloads a termbase as the user edits it. A linear loader reads 4,000 entries in well under 100 ms.
    assert.ok(ms < budgetMs, `${format}: loading ${count} entries took ${Math.round(ms)} ms CPU (budget ${budgetMs} ms)`);
  }
}

