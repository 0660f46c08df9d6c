/**
 * Deterministic benchmark inputs: documents of a given size built from our own
 * sample briefs (samples/nswn-brief.md|.txt) plus generated filler prose, and
 * termbases of the bundled size, 1,000 and 10,000 concepts.
 *
 * Every deprecated variant in a document is one we put there: the sample
 * blocks are sanitised (deprecated forms replaced by the preferred ones) and a
 * known number of sentences carrying a deprecated form, verbatim, on a line of
 * their own, is injected. The peers and BriefLint should all find exactly that many.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isWithinOneEdit } from '../server/src/engine/checks/termNearMiss';

export const REPO = path.resolve(import.meta.dirname, '..');

/** mulberry32: small, fast, deterministic. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export interface BundledConcept {
  id: string;
  zh?: string | string[];
  zhTraditional?: string | string[];
  en: string;
  admitted?: string[];
  deprecated?: string[];
  acronym?: string;
  [key: string]: unknown;
}

export function readBundledConcepts(): BundledConcept[] {
  return (JSON.parse(readFileSync(path.join(REPO, 'terminology/brief.json'), 'utf8')) as { concepts: BundledConcept[] }).concepts;
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every deprecated form of the bundled termbase (case-insensitively) by the preferred one. */
function sanitise(text: string, concepts: readonly BundledConcept[]): string {
  let result = text;
  for (const concept of concepts) {
    for (const form of concept.deprecated ?? []) {
      result = result.replace(new RegExp(`\\b${escapeRegExp(form)}\\b`, 'gi'), concept.en);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------
// Filler prose: our own sentences about industrial and science policy.

const SUBJECTS = [
  'Provincial governments', 'Municipal planners', 'Central ministries', 'Coastal cities', 'Inland provinces', 'Local officials',
  'State banks', 'Private firms', 'University laboratories', 'Research institutes', 'Industry associations', 'Foreign observers',
];
const VERBS = [
  'have expanded', 'continue to fund', 'are asked to report on', 'compete to attract', 'quietly scaled back', 'now audit',
  'rarely coordinate', 'publish targets for', 'set up offices for', 'borrow heavily to build',
];
const OBJECTS = [
  'quantum research', 'semiconductor fabrication', 'battery supply chains', 'biomedical trials', 'aerospace components',
  'maritime engineering', 'agricultural machinery', 'industrial software', 'rare earth processing', 'robotics clusters',
  'satellite networks', 'advanced materials',
];
const TAILS = [
  'under the current plan', 'despite weak demand', 'with mixed results', 'in line with national guidance', 'at a faster pace than before',
  'although budgets are tight', 'because targets are public', 'after a round of inspections', 'in the first half of the year',
];
/** Sentences that carry a bundled term (preferred or admitted, never deprecated). */
const TERM_SENTENCES = [
  'Officials tie the effort to the real economy (实体经济) rather than to finance.',
  'The plan speaks of future industries (未来产业) in six fields.',
  'Commentators link it to common prosperity (共同富裕) and to the middle-income trap.',
  'Analysts describe an innovation chain (创新链) that runs from laboratories to factories.',
  'The ministry promotes innovation associations (创新联合体) led by large firms.',
  'Funding for research and development rose again, although R&D intensity varies by province.',
  'The socialist market economy (社会主义市场经济) is meant to combine planning and competition.',
  'Observers see a manufacturing powerhouse (制造强国) as the goal of the decade.',
];
/** Injected deprecated variants: `{}` is the form, written as the termbase writes it. */
const INJECTED_SENTENCES = [
  'Older speeches still call this the {} in passing.',
  'A provincial report from that year uses the phrase {} throughout.',
  'Some translations render it as {} without comment.',
];

function fillerSentence(random: () => number): string {
  if (random() < 0.25) return pick(random, TERM_SENTENCES);
  return `${pick(random, SUBJECTS)} ${pick(random, VERBS)} ${pick(random, OBJECTS)} ${pick(random, TAILS)}.`;
}

function fillerParagraph(random: () => number, sentences: number, wrap: boolean): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(fillerSentence(random));
  if (!wrap) return parts.join(' ');
  // Hard-wrapped like a Markdown source, at word boundaries near 100 columns.
  const lines: string[] = [];
  let line = '';
  for (const word of parts.join(' ').split(' ')) {
    if (line.length + word.length + 1 > 100 && line.length > 0) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// Documents

export type DocumentFormat = 'md' | 'txt';

export interface GeneratedDocument {
  format: DocumentFormat;
  text: string;
  /** Deprecated variants put into the body prose (the expected term/deprecated count). */
  injectedDeprecated: number;
}

interface SampleParts {
  /** Body blocks (paragraphs and lists), sanitised. */
  paragraphs: string[];
  /** Note texts, by label in the sample. */
  notes: Map<string, string>;
}

function sampleParts(format: DocumentFormat, concepts: readonly BundledConcept[]): SampleParts {
  let text = readFileSync(path.join(REPO, 'samples', format === 'md' ? 'nswn-brief.md' : 'nswn-brief.txt'), 'utf8').replace(/\r\n?/g, '\n');
  text = sanitise(text, concepts);
  if (format === 'md') text = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const blocks = text.split(/\n[ \t]*\n+/).map((b) => b.trim()).filter((b) => b.length > 0);
  const paragraphs: string[] = [];
  const notes = new Map<string, string>();
  let isInNotes = false;
  for (const block of blocks) {
    if (format === 'md') {
      if (block.startsWith('#')) {
        isInNotes ||= /^#+\s*(notes|endnotes|references)\s*$/i.test(block);
        continue;
      }
      const definitions = [...block.matchAll(/^\[\^([^\]]+)\]:\s*(.*)$/gm)];
      if (definitions.length > 0) {
        for (const d of definitions) notes.set(d[1]!, d[2]!);
        continue;
      }
      if (!isInNotes) paragraphs.push(block);
    } else {
      const lines = block.split('\n');
      if (/^(endnotes|notes|references)$/i.test(block)) {
        isInNotes = true;
        continue;
      }
      if (isInNotes) {
        for (const line of lines) {
          const m = /^(\d+)\.\s+(.*)$/.exec(line);
          if (m && !notes.has(m[1]!)) notes.set(m[1]!, m[2]!);
        }
        continue;
      }
      // Title-like lines (headings) are generated; keep the prose paragraphs.
      if (lines.length === 1 && block.length < 80 && !/[.)]$/.test(block)) continue;
      paragraphs.push(block);
    }
  }
  return { paragraphs, notes };
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const toSuperscript = (n: number) => String(n).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!);
const fromSuperscript = (s: string) => Number([...s].map((c) => SUPERSCRIPT.indexOf(c)).join(''));

const HEADINGS = ['Industrial policy in practice', 'Finance and the state', 'Research institutes', 'Talent and training', 'Local experiments', 'Outlook'];

/**
 * Builds a document of at least `targetSize` UTF-16 code units. Sections repeat
 * the sample's body paragraphs with their notes renumbered (so defects such as
 * a missing note repeat too), filler paragraphs, a list, a table, a code block,
 * a block quote and injected deprecated variants; the notes list comes last.
 */
export function generateDocument(format: DocumentFormat, targetSize: number, concepts: readonly BundledConcept[], seed = 1): GeneratedDocument {
  const random = createRandom(seed * 7919 + targetSize);
  const sample = sampleParts(format, concepts);
  const deprecatedForms = concepts.flatMap((c) => c.deprecated ?? []);
  const isMd = format === 'md';
  const out: string[] = [];
  const notes: string[] = [];
  let injected = 0;
  let noteBase = 0;
  let size = 0;
  const push = (block: string) => {
    out.push(block);
    size += block.length + 2;
  };
  if (isMd) push('---\ntitle: "Generated benchmark brief"\nauthor: BriefLint bench\n---');
  push(isMd ? '# Mobilising the Nation for Technology: generated brief' : 'Mobilising the Nation for Technology: generated brief');
  const reserveForNotes = () => notes.reduce((n, note) => n + note.length + 1, 0);
  for (let section = 1; size + reserveForNotes() < targetSize; section++) {
    push(isMd ? `## ${pick(random, HEADINGS)} ${section}` : `${pick(random, HEADINGS)} ${section}`);
    const base = noteBase;
    let highest = 0;
    for (const paragraph of sample.paragraphs) {
      const renumbered = isMd
        ? paragraph.replace(/\[\^(\d+)\]/g, (_, n: string) => {
            highest = Math.max(highest, Number(n));
            return `[^${base + Number(n)}]`;
          })
        : paragraph
            .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (s) => {
              highest = Math.max(highest, fromSuperscript(s));
              return toSuperscript(base + fromSuperscript(s));
            })
            .replace(/\)\.(\d+)$/gm, (_, n: string) => `).${base + Number(n)}`);
      push(renumbered);
      // A filler paragraph after each sample paragraph; some carry an injected deprecated form.
      let filler = fillerParagraph(random, 3 + Math.floor(random() * 4), isMd);
      if (random() < 0.5) {
        const sentence = pick(random, INJECTED_SENTENCES).replace('{}', pick(random, deprecatedForms));
        filler += isMd ? `\n${sentence}` : ` ${sentence}`;
        injected++;
      }
      push(filler);
    }
    for (const [label, note] of sample.notes) notes.push(isMd ? `[^${base + Number(label)}]: ${note}` : `${base + Number(label)}. ${note}`);
    if (section % 2 === 0) {
      push(['- Provincial funds now report quarterly.', '- Research institutes keep a share of licensing income.', '- State banks lend against patents.'].map((l) => (isMd ? l : l.replace(/^- /, '• '))).join('\n'));
    }
    if (isMd && section % 3 === 0) {
      push(['| Year | Measure | Funding |', '| --- | --- | --- |', '| 2021 | Pilot zones | 12.5 |', '| 2023 | Innovation associations (创新联合体) | 30.1 |'].join('\n'));
      push('```text\nNWNS is quoted here as code and is never checked\n```');
    }
    if (isMd && section % 4 === 0) push('> A provincial official told us that the real economy (实体经济) comes first, whatever the slogan.');
    noteBase = base + Math.max(highest, ...[...sample.notes.keys()].map(Number));
  }
  push(isMd ? '## Notes' : 'Endnotes');
  if (isMd) for (const note of notes) push(note);
  else push(notes.join('\n'));
  return { format, text: `${out.join('\n\n')}\n`, injectedDeprecated: injected };
}

// ---------------------------------------------------------------------------
// Termbases

const REGIONS = [
  'provincial', 'municipal', 'coastal', 'inland', 'northern', 'southern', 'western', 'eastern', 'central', 'county-level',
  'cross-border', 'regional', 'national', 'district', 'township', 'border', 'riverside', 'metropolitan', 'rural', 'urban',
];
const FIELDS = [
  'quantum', 'semiconductor', 'biomedical', 'aerospace', 'maritime', 'agricultural', 'battery', 'robotics', 'satellite', 'software',
  'materials', 'photonics', 'hydrogen', 'nuclear', 'genomics', 'textile', 'steel', 'chemical', 'logistics', 'fintech',
  'pharmaceutical', 'automotive', 'shipbuilding', 'rail', 'telecom', 'cloud', 'data', 'drone', 'laser', 'sensor',
  'wind', 'solar', 'grid', 'water', 'forestry', 'fishery', 'mining', 'tourism', 'education', 'health',
];
const INSTRUMENTS = [
  'guidance fund', 'pilot zone', 'innovation platform', 'talent programme', 'credit line', 'tax rebate', 'demonstration base',
  'incubator network', 'procurement list', 'standards committee', 'leading group', 'industrial park', 'venture fund',
  'key laboratory', 'training centre', 'export licence', 'subsidy scheme', 'certification body', 'research alliance', 'data exchange',
  'bond quota', 'land quota', 'equity scheme', 'patent pool', 'testing centre', 'service hub', 'supply chain office', 'task force',
  'expert panel', 'evaluation system',
];
const HANZI_POOL = '国家省市区县产业科技创新发展改革制度政策规划基金平台中心园区试点示范工程研究实验室人才培养标准体系网络数据信息安全能源材料装备制造海洋农业医药航空航天卫星电子软件集成电路新型重点专项行动计划方案机制工作领导小组委员会联盟协会服务贸易出口许可税收优惠信贷融资投资债券土地资本市场';

export interface SyntheticTermbase {
  name: string;
  concepts: BundledConcept[];
}

/**
 * A termbase of `size` concepts: the bundled ones (which occur in the text)
 * and synthetic ones with realistic multi-word English forms, hanzi and
 * acronyms, none of which occurs in the generated documents.
 */
export function generateTermbase(size: number, bundled: readonly BundledConcept[], avoidText: string, seed = 7): SyntheticTermbase {
  const random = createRandom(seed + size);
  const concepts: BundledConcept[] = [...bundled];
  const usedEnglish = new Set(bundled.flatMap((c) => [c.en, ...(c.admitted ?? []), ...(c.deprecated ?? [])].map((f) => f.toLowerCase())));
  const usedZh = new Set(bundled.flatMap((c) => asList(c.zh)));
  const usedAcronyms = new Set(bundled.flatMap((c) => (c.acronym ? [c.acronym] : [])));
  // Capitalised tokens in the text: a synthetic acronym must not look like a misspelling of one.
  const textAcronyms = [...new Set(avoidText.match(/\b[A-Z][A-Z0-9]{2,7}\b/g) ?? [])];
  const textHanzi = avoidText.match(/[\u4e00-\u9fff]+/g) ?? [];
  const isAcronymSafe = (a: string) =>
    !usedAcronyms.has(a) &&
    !textAcronyms.some((t) => t === a || isWithinOneEdit(t, a) || [...t].sort().join('') === [...a].sort().join(''));
  for (let n = 1; concepts.length < size; n++) {
    const region = pick(random, REGIONS);
    const field = pick(random, FIELDS);
    const instrument = pick(random, INSTRUMENTS);
    const en = random() < 0.3 ? `${region} ${field} ${instrument} reform` : `${region} ${field} ${instrument}`;
    const deprecated = [`${field} ${region} ${instrument}`];
    if (usedEnglish.has(en) || deprecated.some((d) => usedEnglish.has(d))) continue;
    let zh = '';
    const length = 4 + Math.floor(random() * 4);
    for (let i = 0; i < length; i++) zh += HANZI_POOL[Math.floor(random() * HANZI_POOL.length)];
    if (usedZh.has(zh) || textHanzi.some((h) => h.includes(zh))) continue;
    const concept: BundledConcept = { id: `syn-${String(n).padStart(5, '0')}`, zh, en, deprecated };
    if (random() < 0.4) concept.admitted = [`${region} ${field} ${instrument.split(' ')[0]} programme`].filter((a) => !usedEnglish.has(a) && a !== en);
    if (random() < 0.5) {
      const words = en.split(/[\s-]+/);
      let acronym = words.map((w) => w[0]!.toUpperCase()).join('');
      if (acronym.length < 4) acronym += String.fromCharCode(65 + Math.floor(random() * 26));
      acronym += String.fromCharCode(65 + Math.floor(random() * 26));
      if (isAcronymSafe(acronym)) {
        concept.acronym = acronym;
        usedAcronyms.add(acronym);
      }
    }
    for (const form of [en, ...deprecated, ...(concept.admitted ?? [])]) usedEnglish.add(form.toLowerCase());
    usedZh.add(zh);
    concepts.push(concept);
  }
  return { name: `Synthetic benchmark termbase (${size} concepts)`, concepts };
}
