/** Text edits the acronym checks share: define at a use, move a definition, drop "(ACR)". */
import type { BriefDocument } from '../../document/model';
import type { TextEdit } from '../../types';
import type { AcronymUse } from './analysis';
import type { AcronymDefinition } from './definitions';
import { pluralizePhrase, singularizePhrase } from './expansion';

const SENTENCE_END = new Set(['.', '!', '?', '。', '！', '？']);
const SKIPPABLE_BEFORE = /[\s"“'‘*_(\[>#]/;

/** True when `offset` starts a sentence: only quotes, brackets or markup between it and a full stop or the block start. */
export function isAtSentenceStart(doc: BriefDocument, offset: number, runIndex: number): boolean {
  const run = doc.runs[runIndex];
  const floor = run ? (doc.blocks[run.blockIndex]?.start ?? 0) : 0;
  for (let k = offset - 1; k >= floor; k--) {
    const c = doc.text[k]!;
    if (SENTENCE_END.has(c)) return true;
    // A list marker at the start of the block: "- ", "* ", "1. ".
    if (!SKIPPABLE_BEFORE.test(c) && !(k - floor < 4 && /[-*+0-9.)]/.test(c))) return false;
  }
  return true;
}

/** "state-owned enterprise" → "State-owned enterprise" at a sentence start; "Science, technology, and innovation" → "science, …" inside one. */
export function fitCase(phrase: string, isSentenceStart: boolean): string {
  const lead = /^["“'‘]*/.exec(phrase)![0].length;
  const first = phrase.charAt(lead);
  if (!first) return phrase;
  if (isSentenceStart) return first === first.toLowerCase() ? phrase.slice(0, lead) + first.toUpperCase() + phrase.slice(lead + 1) : phrase;
  // Lower the first letter only when the phrase is in sentence case (a common noun capitalised by its position).
  const words = phrase.slice(lead).split(/[\s-]+/).filter((w) => /^\p{L}/u.test(w));
  const isSentenceCase = words.length >= 2 && /^\p{Lu}\p{Ll}*$/u.test(words[0]!) && words.slice(1).every((w) => /^\p{Ll}/u.test(w));
  return isSentenceCase ? phrase.slice(0, lead) + first.toLowerCase() + phrase.slice(lead + 1) : phrase;
}

/** End of a use including its plural "s". */
export function useEnd(use: AcronymUse): number {
  return use.end + (use.isPlural ? 1 : 0);
}

/** True when the use lies in one source segment, so text can be inserted around it. */
export function isUseEditable(doc: BriefDocument, use: AcronymUse): boolean {
  const run = doc.runs[use.run];
  const end = useEnd(use);
  return run !== undefined && run.segments.some((s) => s.start <= use.start && end <= s.end);
}

/** Inserts "Full Name (" before a use and ")" after it: "SOEs" → "state-owned enterprises (SOEs)". */
export function defineAtUse(doc: BriefDocument, use: AcronymUse, expansion: string): TextEdit[] {
  const phrase = fitCase(use.isPlural ? pluralizePhrase(expansion) : expansion, isAtSentenceStart(doc, use.start, use.run));
  const end = useEnd(use);
  return [
    { start: use.start, end: use.start, newText: `${phrase} (` },
    { start: end, end, newText: ')' },
  ];
}

function acronymAsWritten(text: string, definition: AcronymDefinition): string {
  return text.slice(definition.start, definition.end) + (definition.isPlural ? 's' : '');
}

/** Matches the number of a phrase to the use it moves to. */
function fitNumber(phrase: string, isPlural: boolean, wasPlural: boolean): string {
  if (isPlural === wasPlural) return phrase;
  return isPlural ? pluralizePhrase(phrase) : singularizePhrase(phrase);
}

/**
 * Moves a definition to an earlier use: the use becomes "Full Name (ACR …)"
 * and the definition the bare acronym. Undefined when the definition spans
 * markup or the two overlap.
 */
export function moveDefinitionTo(doc: BriefDocument, use: AcronymUse, definition: AcronymDefinition): TextEdit[] | undefined {
  const { text } = doc;
  const end = useEnd(use);
  if (!definition.isContiguous || !isUseEditable(doc, use) || end > definition.phraseStart) return undefined;
  const acronym = text.slice(use.start, end);
  const isSentenceStart = isAtSentenceStart(doc, use.start, use.run);
  const open = text[definition.open]!;
  const close = text[definition.close - 1]!;
  const inner = text.slice(definition.open + 1, definition.close - 1);
  let moved: string;
  if (definition.form === 'expansion-first') {
    const expansion = fitNumber(text.slice(definition.phraseStart, definition.expansionEnd), use.isPlural, definition.isPlural);
    const between = text.slice(definition.expansionEnd, definition.open);
    const acronymAt = definition.start - definition.open - 1;
    const newInner = inner.slice(0, acronymAt) + acronym + inner.slice(definition.end - definition.open - 1 + (definition.isPlural ? 1 : 0));
    moved = `${fitCase(expansion, isSentenceStart)}${between}${open}${newInner}${close}`;
  } else {
    const expansion = fitNumber(text.slice(definition.expansionStart, definition.expansionEnd), use.isPlural, definition.isPlural);
    const prefix = inner.slice(0, definition.expansionStart - definition.open - 1).replace(/(?:the|a|an)\s+$/i, '');
    const newInner = prefix + acronym + inner.slice(definition.expansionEnd - definition.open - 1);
    moved = `${fitCase(expansion, isSentenceStart)} ${open}${newInner}${close}`;
  }
  return [
    { start: use.start, end, newText: moved },
    { start: definition.phraseStart, end: definition.phraseEnd, newText: acronymAsWritten(text, definition) },
  ];
}

const SEPARATOR_AFTER = /^\s*[,，;；、]\s*/;
const SEPARATOR_BEFORE = /\s*[,，;；、]\s*$/;

/** Removes the acronym from its definition: "Full Name (ACR)" → "Full Name", "(ACR, 中文)" → "(中文)", "ACR (Full Name)" → "Full Name". */
export function removeAcronym(doc: BriefDocument, definition: AcronymDefinition): TextEdit[] | undefined {
  const { text } = doc;
  if (!definition.isContiguous) return undefined;
  const acronymEnd = definition.end + (definition.isPlural ? 1 : 0);
  const innerStart = definition.open + 1;
  const innerEnd = definition.close - 1;
  if (definition.form === 'expansion-first') {
    const before = text.slice(innerStart, definition.start);
    const after = text.slice(acronymEnd, innerEnd);
    if (before.trim() === '' && after.trim() === '') {
      let start = definition.open;
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      return [{ start, end: definition.close, newText: '' }];
    }
    const separatorAfter = SEPARATOR_AFTER.exec(after);
    if (before.trim() === '' && separatorAfter) return [{ start: definition.start, end: acronymEnd + separatorAfter[0].length, newText: '' }];
    const separatorBefore = SEPARATOR_BEFORE.exec(before);
    if (separatorBefore && after.trim() === '') return [{ start: definition.start - separatorBefore[0].length, end: acronymEnd, newText: '' }];
    return undefined;
  }
  const beforeExpansion = text.slice(innerStart, definition.expansionStart);
  const afterExpansion = text.slice(definition.expansionEnd, innerEnd);
  if (!/^\s*(?:(?:the|a|an)\s+)?$/i.test(beforeExpansion) || afterExpansion.trim() !== '') return undefined;
  return [{ start: definition.start, end: definition.close, newText: text.slice(definition.expansionStart, definition.expansionEnd) }];
}
