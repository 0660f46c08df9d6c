/**
 * Loads TBX termbases (ISO 30042) as CAT tools export them:
 * - TBX-Basic / TBX v2: `<martif>` … `<termEntry>` / `<langSet>` / `<tig>` or `<ntig><termGrp>`;
 * - TBX v3: `<tbx>` … `<conceptEntry>` / `<langSec>` / `<termSec>`, in the DCA style
 *   (`<termNote type="administrativeStatus">`) and the DCT style (`<basic:administrativeStatus>`).
 * Elements are matched by local name; namespace prefixes are ignored.
 *
 * Safety: saxes does no I/O. A DOCTYPE (with a SYSTEM id or an internal subset) is skipped,
 * never fetched; entities declared in it are never expanded, so an entity bomb costs nothing
 * and an external entity is never resolved. A reference to such an entity is an XML error.
 *
 * Like the JSON loader, this never throws: every problem names file, line and column, and a
 * broken entry never stops the valid ones from loading. An XML well-formedness error inside an
 * entry skips that entry; parsing continues after it wherever saxes can recover.
 */
import { LineIndex } from '../lineIndex';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import {
  emptyConcept,
  type Concept,
  type ProblemSeverity,
  type SourcePosition,
  type TermbaseFile,
  type TermbaseProblem,
  type TermStatus,
} from './model';

/** After this many XML errors the rest of the file is not read. */
const MAX_XML_ERRORS = 20;

const ROOT_ELEMENTS = new Set(['martif', 'tbx']);
const ENTRY_ELEMENTS = new Set(['termEntry', 'conceptEntry']);
const TERM_CONTAINERS = new Set(['tig', 'ntig', 'termSec']);
/** DCA-style elements whose data category is their `type` attribute. */
const TYPED_ELEMENTS = new Set(['termNote', 'descrip', 'admin']);
/** Data categories read (lower case); everything else in an entry is ignored. */
const TERM_CATEGORIES = new Set(['administrativestatus', 'normativeauthorization', 'termtype', 'pronunciation']);
const ENTRY_CATEGORIES = new Set(['definition', 'note', 'source']);
const ACRONYM_TYPES = new Set(['acronym', 'abbreviation', 'initialism']);

const STATUS_VALUES: Record<string, TermStatus> = {
  preferred: 'preferred',
  standardized: 'preferred',
  admitted: 'admitted',
  deprecated: 'deprecated',
  superseded: 'deprecated',
  forbidden: 'deprecated',
  obsolete: 'deprecated',
};

type LanguageClass = 'en' | 'zh' | 'zhTraditional' | 'pinyin' | 'neutral' | 'other';

interface Ranked {
  value: string;
  /** Lower is better: 0 English section, 1 concept level, 2 another language. */
  rank: number;
}

interface TermRecord {
  text: string;
  language: LanguageClass;
  status?: TermStatus;
  isAcronym: boolean;
  pronunciation?: string;
}

interface EntryState {
  id: string;
  offset: number;
  terms: TermRecord[];
  definition?: Ranked;
  note?: Ranked;
  source?: Ranked;
  /** The first XML error met while the entry was open: the entry is skipped. */
  xmlError?: TermbaseProblem;
}

interface TermContainer {
  entry: EntryState;
  offset: number;
  text?: string;
  language: LanguageClass;
  status?: { value: string; offset: number };
  termType?: string;
  pronunciation?: string;
}

interface Frame {
  qname: string;
  local: string;
  /** Offset of the start tag's `<`. */
  offset: number;
  lang?: string;
  entry?: EntryState;
  container?: TermContainer;
  field?: { category: string; parts: string[] };
  /**
   * What this element and its ancestors put in scope, worked out once when it opens so that
   * no lookup walks the stack (a file may nest elements 50,000 deep): the innermost open
   * entry, that entry's innermost term container, the innermost field, the nearest language,
   * and the rank a definition/note/source inside it gets.
   */
  scope: Scope;
}

interface Scope {
  entry?: EntryState;
  container?: TermContainer;
  field?: Frame['field'];
  lang?: string;
  /** See `sectionRank`: 0 English section, 1 concept level, 2 another language. */
  rank: number;
}

const ROOT_SCOPE: Scope = { rank: 1 };

/** Thrown from a saxes handler to stop reading the file. */
class StopReading extends Error {}

export function parseTbx(text: string, file: string): TermbaseFile {
  // Editors do not count a byte order mark as a column; neither do we.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return new TbxReader(source, file).read();
}

class TbxReader {
  private readonly concepts: Concept[] = [];
  private readonly problems: TermbaseProblem[] = [];
  private readonly locate: (offset: number) => SourcePosition;
  private readonly parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  private readonly stack: Frame[] = [];
  /** The entries among the open elements, outermost first. */
  private readonly openEntries: EntryState[] = [];
  /** How many elements of each qualified name are open: a close tag's match is found without a walk. */
  private readonly openNames = new Map<string, number>();
  private readonly seenIds = new Map<string, number>();
  /** Entities declared in the DOCTYPE's internal subset (never expanded). */
  private readonly declaredEntities = new Map<string, 'internal' | 'external'>();
  private isUnusable = false;
  private sawRoot = false;
  private rootClosed = false;
  private xmlErrorCount = 0;
  /** The close tag whose mismatch was already reported (saxes pops, and fails, once per unclosed element). */
  private mismatch?: { closeAt: number; problem: TermbaseProblem };
  /** The problem reported for the first element left open at the end of the file. */
  private unclosed?: TermbaseProblem;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.locate = makeLocator(text, file);
  }

  read(): TermbaseFile {
    const { parser } = this;
    parser.on('doctype', (doctype) => this.onDoctype(doctype));
    parser.on('opentag', (tag) => this.onOpenTag(tag));
    parser.on('closetag', (tag) => this.onCloseTag(tag));
    parser.on('text', (chunk) => this.onText(chunk));
    parser.on('cdata', (chunk) => this.onText(chunk));
    parser.on('error', (error) => this.onError(error));
    try {
      parser.write(this.text);
      parser.close();
    } catch (error) {
      if (!(error instanceof StopReading)) {
        const detail = error instanceof Error ? error.message : String(error);
        this.taintOpenEntries(this.report(this.currentOffset(), `XML error: could not read the rest of the file (${detail})`));
      }
      this.abandonOpenEntries();
    }
    if (!this.sawRoot) this.isUnusable = true;
    const result: TermbaseFile = { file: this.file, concepts: this.concepts, problems: this.problems };
    if (this.isUnusable) result.isUnusable = true;
    return result;
  }

  // ---- saxes events ------------------------------------------------------------------------

  private onDoctype(doctype: string): void {
    const declaration = /<!ENTITY\s+(%\s*)?([^\s"'>]+)\s*(SYSTEM|PUBLIC)?/g;
    for (const match of doctype.matchAll(declaration)) {
      if (match[1]) continue; // parameter entities are never referenced from content
      this.declaredEntities.set(match[2]!, match[3] ? 'external' : 'internal');
    }
  }

  private onOpenTag(tag: SaxesTagPlain): void {
    if (this.rootClosed) return;
    const offset = Math.max(0, this.text.lastIndexOf('<', this.parser.position - 1));
    const local = localName(tag.name);
    if (!this.sawRoot) {
      this.sawRoot = true;
      if (!ROOT_ELEMENTS.has(local.toLowerCase())) {
        this.report(offset, `not a TBX file: the root element is <${tag.name}> (expected <martif> or <tbx>)`);
        this.isUnusable = true;
        throw new StopReading();
      }
    }
    const frame: Frame = { qname: tag.name, local, offset, lang: attribute(tag, 'lang'), scope: ROOT_SCOPE };
    const entry = this.currentEntry();
    if (ENTRY_ELEMENTS.has(local)) {
      frame.entry = this.openEntry(tag, offset);
    } else if (entry) {
      if (TERM_CONTAINERS.has(local)) {
        frame.container = { entry, offset, language: 'neutral' };
      } else if (local === 'term') {
        frame.field = { category: 'term', parts: [] };
        // A bare <term> outside any tig/ntig/termSec is its own container.
        if (!this.currentContainer()) frame.container = { entry, offset, language: 'neutral' };
      } else {
        const category = (TYPED_ELEMENTS.has(local) ? attribute(tag, 'type') ?? '' : local).toLowerCase();
        if (TERM_CATEGORIES.has(category) || ENTRY_CATEGORIES.has(category)) frame.field = { category, parts: [] };
      }
    }
    this.pushFrame(frame);
  }

  private onCloseTag(tag: SaxesTagPlain): void {
    if (this.rootClosed) return;
    const frame = this.stack[this.stack.length - 1];
    if (!frame) return;
    if (!tag.isSelfClosing) this.checkCloseTag(frame);
    this.popFrame();
    this.closeFrame(frame);
    if (this.stack.length === 0) this.rootClosed = true;
  }

  private onText(chunk: string): void {
    this.top()?.scope.field?.parts.push(chunk);
  }

  /**
   * saxes calls this on every well-formedness error and then carries on. Mismatched and
   * unclosed tags are reported at the start tag that was never closed, which is where the
   * fix goes; other errors at the character where saxes noticed them.
   */
  private onError(error: Error): void {
    const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
    const here = this.currentOffset();
    if (message === 'unexpected close tag' && this.mismatch?.closeAt === this.text.lastIndexOf('</', this.parser.position - 1)) {
      return; // already reported by checkCloseTag
    }
    const unclosed = /^unclosed tag: (.*)$/.exec(message);
    if (unclosed) {
      // The end of the file with elements still open; saxes pops them without closetag events.
      const frame = this.stack[this.stack.length - 1];
      if (!frame) return;
      if (this.unclosed) this.taintOpenEntries(this.unclosed);
      else this.unclosed = this.reportUnclosedAtEnd(frame);
      this.popFrame();
      this.closeFrame(frame);
      return;
    }
    if (message === 'unexpected end' && this.unclosed) return;
    if (message === 'undefined entity' || message === 'disallowed character in entity name' || message === 'empty entity name') {
      this.entityError(message, here);
      return;
    }
    if (message === 'document must contain a root element') {
      this.isUnusable = true;
      this.report(this.firstContentOffset(), 'not a TBX file: there is no XML root element');
      return;
    }
    if (message === 'text data outside of root node') {
      if (!this.sawRoot) {
        this.isUnusable = true;
        this.report(this.firstContentOffset(), 'not a TBX file: it does not start with an XML element');
        throw new StopReading();
      }
      this.xmlProblem(here, 'text after the end of the root element');
      return;
    }
    this.xmlProblem(here, message);
  }

  // ---- structure ---------------------------------------------------------------------------

  /**
   * saxes pops every element up to the matching start tag, calling closetag for each, and
   * only then reports "unexpected close tag". Check first, so the entry being popped is
   * skipped rather than loaded half-read.
   */
  private checkCloseTag(frame: Frame): void {
    const closeAt = this.text.lastIndexOf('</', this.parser.position - 1);
    if (closeAt < 0) return;
    const closingName = /^<\/\s*([^\s>]+)/.exec(this.text.slice(closeAt, closeAt + 300))?.[1];
    if (!closingName || closingName === frame.qname) return;
    if (!this.openNames.has(closingName)) {
      // saxes would now pop every open element, the root included: nothing after this can be placed.
      this.xmlProblem(closeAt, `</${closingName}> has no matching start tag; the rest of the file is not read`);
      throw new StopReading();
    }
    if (this.mismatch?.closeAt === closeAt) {
      this.taintOpenEntries(this.mismatch.problem);
      return;
    }
    const found = this.locate(closeAt);
    const problem = this.xmlProblem(frame.offset, `<${frame.qname}> is not closed (found </${closingName}> at line ${found.line}, column ${found.column})`);
    this.mismatch = { closeAt, problem };
  }

  private closeFrame(frame: Frame): void {
    if (frame.field) this.closeField(frame);
    if (frame.container) this.closeContainer(frame.container);
    if (frame.entry) this.closeEntry(frame.entry);
  }

  private openEntry(tag: SaxesTagPlain, offset: number): EntryState {
    let id = (attribute(tag, 'id') ?? '').trim();
    if (!id) {
      const { line, column } = this.locate(offset);
      id = `entry-${line}`;
      if (this.seenIds.has(id)) id = `entry-${line}-${column}`;
    }
    return { id, offset, terms: [] };
  }

  private closeField(frame: Frame): void {
    const { category, parts } = frame.field!;
    const value = normalizeSpace(parts.join(''));
    if (category === 'term') {
      const container = frame.container ?? this.currentContainer();
      if (!container || container.text !== undefined) return;
      container.text = value;
      container.language = classifyLanguage(frame.lang ?? this.nearestLang());
      return;
    }
    if (!value) return;
    if (TERM_CATEGORIES.has(category)) {
      const container = this.currentContainer();
      if (!container) return;
      if (category === 'termtype') container.termType ??= value;
      else if (category === 'pronunciation') container.pronunciation ??= value;
      else container.status ??= { value, offset: frame.offset };
      return;
    }
    const entry = this.currentEntry();
    if (!entry) return;
    const rank = this.sectionRank(frame);
    const key = category as 'definition' | 'note' | 'source';
    const previous = entry[key];
    if (!previous || rank < previous.rank) entry[key] = { value, rank };
  }

  private closeContainer(container: TermContainer): void {
    if (container.entry.xmlError) return; // the entry is skipped: no more noise about it
    if (!container.text) {
      this.report(container.offset, 'a term without text (ignored)', 'warning');
      return;
    }
    let status: TermStatus | undefined;
    if (container.status) {
      status = mapStatus(container.status.value);
      if (!status) {
        this.report(
          container.status.offset,
          `unknown administrative status "${container.status.value}" (expected preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts or supersededTerm-admn-sts); "${container.text}" is read without a status`,
          'warning',
        );
      }
    }
    container.entry.terms.push({
      text: container.text,
      language: container.language,
      status,
      isAcronym: ACRONYM_TYPES.has((container.termType ?? '').toLowerCase()),
      pronunciation: container.pronunciation,
    });
  }

  private closeEntry(entry: EntryState): void {
    if (entry.xmlError) {
      entry.xmlError.message += `; entry "${entry.id}" skipped`;
      return;
    }
    const concept = this.buildConcept(entry);
    if (!concept) return;
    const previous = this.seenIds.get(concept.id);
    if (previous !== undefined) {
      this.report(entry.offset, `duplicate id "${concept.id}" (first used at line ${this.locate(previous).line}); entry skipped`);
      return;
    }
    this.seenIds.set(concept.id, entry.offset);
    this.concepts.push(concept);
  }

  private buildConcept(entry: EntryState): Concept | undefined {
    const { terms } = entry;
    const acronyms = terms.filter((t) => t.isAcronym && (t.language === 'en' || t.language === 'neutral'));
    const english = terms.filter((t) => t.language === 'en' && !t.isAcronym);

    let preferred: TermRecord | undefined = english.find((t) => t.status === 'preferred');
    const extraPreferred = english.filter((t) => t.status === 'preferred' && t !== preferred);
    if (extraPreferred.length > 0) {
      this.report(
        entry.offset,
        `entry "${entry.id}" has ${extraPreferred.length + 1} preferred English terms; "${preferred!.text}" is used, ${extraPreferred.map((t) => `"${t.text}"`).join(', ')} treated as admitted`,
        'warning',
      );
    }
    preferred ??= english.find((t) => t.status === undefined);
    if (!preferred) {
      preferred = english.find((t) => t.status === 'admitted');
      if (preferred) {
        this.report(entry.offset, `entry "${entry.id}" has no English term marked preferred; the admitted term "${preferred.text}" is used as the preferred one`, 'warning');
      }
    }
    if (!preferred) {
      const detail = english.length > 0 ? ' (only deprecated ones)' : acronyms.length > 0 ? ` (only the acronym "${acronyms[0]!.text}")` : '';
      this.report(entry.offset, `entry "${entry.id}" has no preferred English term${detail}; entry skipped`);
      return undefined;
    }

    const concept = emptyConcept(entry.id, preferred.text);
    const seen = new Set([preferred.text.toLowerCase()]);
    for (const term of english) {
      if (term === preferred || term.status === 'deprecated' || seen.has(term.text.toLowerCase())) continue;
      seen.add(term.text.toLowerCase());
      concept.admitted.push(term.text);
    }
    const deprecated = new Set<string>();
    const addDeprecated = (term: TermRecord) => {
      if (deprecated.has(term.text)) return;
      deprecated.add(term.text);
      concept.deprecated.push(term.text);
    };
    for (const term of english) {
      if (term.status === 'deprecated') addDeprecated(term);
    }
    for (const term of acronyms) {
      if (term.status === 'deprecated') {
        addDeprecated(term);
      } else if (concept.acronym === undefined) {
        concept.acronym = term.text;
      } else if (term.text !== concept.acronym) {
        this.report(entry.offset, `entry "${entry.id}" has more than one acronym; "${concept.acronym}" is used, "${term.text}" ignored`, 'warning');
      }
    }

    const simplified = chineseTerms(terms, 'zh');
    concept.zh = simplified.map((t) => t.text);
    concept.zhTraditional = chineseTerms(terms, 'zhTraditional').map((t) => t.text);
    concept.pinyin =
      terms.find((t) => t.language === 'pinyin')?.text ??
      simplified.find((t) => t.pronunciation)?.pronunciation ??
      terms.find((t) => t.language === 'zhTraditional' && t.pronunciation)?.pronunciation;
    if (entry.definition) concept.definition = entry.definition.value;
    if (entry.note) concept.note = entry.note.value;
    if (entry.source) concept.source = entry.source.value;
    if (concept.pinyin === undefined) delete concept.pinyin;
    concept.origin = this.locate(entry.offset);
    return concept;
  }

  // ---- problems ----------------------------------------------------------------------------

  private entityError(message: string, here: number): void {
    // saxes reports at the ";" that ends the reference; point at its "&".
    const semicolon = Math.max(0, here);
    let amp = this.text.lastIndexOf('&', semicolon);
    if (message !== 'undefined entity') {
      // The reference runs from the first "&" after the previous ";".
      const first = this.text.indexOf('&', this.text.lastIndexOf(';', semicolon - 1) + 1);
      if (first >= 0 && first < semicolon) amp = first;
      this.xmlProblem(amp >= 0 ? amp : here, 'a bare "&" (write "&amp;" for the character)');
      return;
    }
    const name = amp >= 0 ? this.text.slice(amp + 1, semicolon) : '';
    const declared = this.declaredEntities.get(name);
    const detail =
      declared === 'external'
        ? `external entity &${name}; is never resolved`
        : declared === 'internal'
          ? `entity &${name}; is declared in the DOCTYPE, but DTD entities are not expanded`
          : `undefined entity &${name};`;
    this.xmlProblem(amp >= 0 ? amp : here, `${detail} (left as written)`);
  }

  /**
   * The file ended with elements open. Usually a truncated file; but a bare "&" with no ";"
   * after it also gets here, as saxes reads everything after it as an entity name.
   */
  private reportUnclosedAtEnd(frame: Frame): TermbaseProblem {
    const bareAmpersand = this.text.indexOf('&', this.text.lastIndexOf(';') + 1);
    if (bareAmpersand > frame.offset) {
      return this.xmlProblem(bareAmpersand, 'a bare "&" (write "&amp;" for the character); the rest of the file could not be read');
    }
    return this.xmlProblem(frame.offset, `<${frame.qname}> is not closed before the end of the file`);
  }

  /** An XML error: skips every entry open at this point; too many errors stop the reading. */
  private xmlProblem(offset: number, message: string): TermbaseProblem {
    const problem = this.report(offset, `XML error: ${message}`);
    this.taintOpenEntries(problem);
    this.xmlErrorCount++;
    if (this.xmlErrorCount >= MAX_XML_ERRORS) {
      problem.message += `; too many XML errors, the rest of the file is not read`;
      throw new StopReading();
    }
    return problem;
  }

  private taintOpenEntries(problem: TermbaseProblem): void {
    // Innermost first, stopping at the first entry already skipped: every entry around it was
    // open when it was tainted, and so was tainted too. Each entry is visited once.
    for (let i = this.openEntries.length - 1; i >= 0; i--) {
      const entry = this.openEntries[i]!;
      if (entry.xmlError) break;
      entry.xmlError = problem;
    }
  }

  /** When reading stops early: entries still open are reported as skipped on the problem that stopped it. */
  private abandonOpenEntries(): void {
    const last = this.problems[this.problems.length - 1];
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const entry = this.stack[i]!.entry;
      if (!entry) continue;
      const problem = entry.xmlError ?? last;
      if (problem) problem.message += `; entry "${entry.id}" skipped`;
    }
    this.stack.length = 0;
    this.openEntries.length = 0;
    this.openNames.clear();
  }

  private report(offset: number, message: string, severity: ProblemSeverity = 'error'): TermbaseProblem {
    const problem: TermbaseProblem = { ...this.locate(offset), severity, message };
    this.problems.push(problem);
    return problem;
  }

  // ---- lookups -----------------------------------------------------------------------------

  private firstContentOffset(): number {
    const match = /\S/.exec(this.text);
    return match ? match.index : 0;
  }

  /** Offset of the character saxes last read. */
  private currentOffset(): number {
    return Math.min(Math.max(0, this.parser.position - 1), this.text.length);
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private currentEntry(): EntryState | undefined {
    return this.top()?.scope.entry;
  }

  /** The innermost open tig/ntig/termSec of the innermost open entry. */
  private currentContainer(): TermContainer | undefined {
    return this.top()?.scope.container;
  }

  private nearestLang(): string | undefined {
    return this.top()?.scope.lang;
  }

  /**
   * Rank of a definition/note/source by where it sits: its own language, else that of the
   * nearest enclosing element with one, up to its entry (concept level).
   */
  private sectionRank(frame: Frame): number {
    if (frame.lang !== undefined) return classifyLanguage(frame.lang) === 'en' ? 0 : 2;
    return this.top()?.scope.rank ?? ROOT_SCOPE.rank;
  }

  private pushFrame(frame: Frame): void {
    const outer = this.top()?.scope ?? ROOT_SCOPE;
    frame.scope = {
      entry: frame.entry ?? outer.entry,
      // A new entry hides the containers of the entry around it.
      container: frame.container ?? (frame.entry ? undefined : outer.container),
      field: frame.field ?? outer.field,
      lang: frame.lang ?? outer.lang,
      rank: frame.entry ? 1 : frame.lang !== undefined ? (classifyLanguage(frame.lang) === 'en' ? 0 : 2) : outer.rank,
    };
    this.stack.push(frame);
    if (frame.entry) this.openEntries.push(frame.entry);
    this.openNames.set(frame.qname, (this.openNames.get(frame.qname) ?? 0) + 1);
  }

  /** Pops the innermost open element (the caller closes it). */
  private popFrame(): void {
    const frame = this.stack.pop();
    if (!frame) return;
    if (frame.entry) this.openEntries.pop();
    const count = this.openNames.get(frame.qname) ?? 0;
    if (count <= 1) this.openNames.delete(frame.qname);
    else this.openNames.set(frame.qname, count - 1);
  }
}

// ---- helpers -----------------------------------------------------------------------------------

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** An attribute by local name (`xml:lang` or `lang`, `id` or `xml:id`). */
function attribute(tag: SaxesTagPlain, local: string): string | undefined {
  const attributes = tag.attributes;
  if (attributes[local] !== undefined) return attributes[local];
  if (attributes[`xml:${local}`] !== undefined) return attributes[`xml:${local}`];
  for (const [name, value] of Object.entries(attributes)) {
    if (localName(name) === local) return value;
  }
  return undefined;
}

function normalizeSpace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** en, en-GB… → English; zh, zh-CN, zh-Hans, zh-SG → simplified; zh-Hant, zh-TW, zh-HK → traditional; zh-Latn → pinyin. */
function classifyLanguage(tag: string | undefined): LanguageClass {
  if (tag === undefined) return 'neutral';
  const parts = tag.trim().toLowerCase().replace(/_/g, '-').split('-');
  const primary = parts[0] ?? '';
  if (primary === '' || primary === 'und' || primary === 'zxx' || primary === 'mul') return 'neutral';
  if (primary === 'en' || primary === 'eng') return 'en';
  if (primary === 'zh' || primary === 'zho' || primary === 'chi' || primary === 'cmn') {
    const rest = parts.slice(1);
    if (rest.includes('latn') || rest.includes('pinyin')) return 'pinyin';
    if (rest.includes('hans')) return 'zh';
    if (rest.includes('hant') || rest.includes('tw') || rest.includes('hk') || rest.includes('mo')) return 'zhTraditional';
    return 'zh';
  }
  return 'other';
}

/** preferredTerm-admn-sts / preferred → preferred; admitted…; deprecated, superseded, forbidden… → deprecated. */
function mapStatus(value: string): TermStatus | undefined {
  const key = value.trim().toLowerCase().replace(/-admn-sts$/, '').replace(/term$/, '');
  return STATUS_VALUES[key] ?? (/forbid/.test(key) ? 'deprecated' : undefined);
}

/** Chinese terms of one script: preferred first, deprecated last, otherwise in file order. */
function chineseTerms(terms: TermRecord[], language: 'zh' | 'zhTraditional'): TermRecord[] {
  const order = (t: TermRecord) => (t.status === 'preferred' ? 0 : t.status === 'deprecated' ? 2 : 1);
  const result: TermRecord[] = [];
  const seen = new Set<string>();
  for (const term of terms.filter((t) => t.language === language).sort((a, b) => order(a) - order(b))) {
    if (seen.has(term.text)) continue;
    seen.add(term.text);
    result.push(term);
  }
  return result;
}

/** 1-based line and UTF-16 column of an offset, as `positionOf` (lines as an editor counts them). */
function makeLocator(text: string, file: string): (offset: number) => SourcePosition {
  const lines = new LineIndex(text);
  return (offset) => {
    const position = lines.positionAt(offset);
    return { file, line: position.line + 1, column: position.character + 1 };
  };
}
