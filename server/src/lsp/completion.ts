/**
 * Completion of termbase terms (labelled with the preferred form), their
 * acronyms, their hanzi (found by typing the toneless pinyin), and the
 * acronyms the document defines. The list is built once per compiled
 * termbase; the glossary card is filled in on `completionItem/resolve`.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import type { Analysis, CompiledTermbase, Concept } from '../engine/index';
import { acronymIndex } from '../engine/checks/acronyms/index';
import { markdownCard } from './glossaryCard';

/** What `item.data` carries so that resolve can find the concept again. */
export interface CompletionData {
  uri: string;
  concept: number;
  preferred: string;
}

const DETAIL_LENGTH = 90;

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

function toneless(pinyin: string): string {
  return pinyin.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z]/gi, '').toLowerCase();
}

function detailOf(concept: Concept): string {
  const parts = [concept.zh[0], concept.definition ? shorten(concept.definition, DETAIL_LENGTH) : undefined].filter((p): p is string => !!p);
  return parts.join(' — ');
}

interface TermbaseItems {
  items: Omit<CompletionItem, 'data'>[];
  concepts: number[];
}

const cache = new WeakMap<CompiledTermbase, TermbaseItems>();

function termbaseItems(compiled: CompiledTermbase): TermbaseItems {
  const cached = cache.get(compiled);
  if (cached) return cached;
  const items: Omit<CompletionItem, 'data'>[] = [];
  const concepts: number[] = [];
  compiled.concepts.forEach((concept, index) => {
    const detail = detailOf(concept);
    items.push({
      label: concept.preferred,
      kind: CompletionItemKind.Value,
      ...(detail ? { detail } : {}),
      ...(concept.zh[0] ? { labelDetails: { description: concept.zh[0] } } : {}),
    });
    concepts.push(index);
    if (concept.acronym) {
      items.push({
        label: concept.acronym,
        kind: CompletionItemKind.Constant,
        detail: [concept.preferred, concept.zh[0]].filter(Boolean).join(' · '),
        labelDetails: { description: concept.preferred },
      });
      concepts.push(index);
    }
    if (concept.zh[0] && concept.pinyin) {
      items.push({
        label: concept.zh[0],
        kind: CompletionItemKind.Text,
        filterText: toneless(concept.pinyin),
        detail: `${concept.pinyin} — ${concept.preferred}`,
        labelDetails: { description: concept.preferred },
      });
      concepts.push(index);
    }
  });
  const built = { items, concepts };
  cache.set(compiled, built);
  return built;
}

/** Above this many items, the list is narrowed to the word being typed and marked incomplete. */
export const MAX_ITEMS = 1000;

/** The word being typed before the cursor (letters, digits, hyphens, hanzi). */
export function wordBefore(text: string, offset: number): string {
  return /[\p{L}\p{N}&'’-]*$/u.exec(text.slice(Math.max(0, offset - 80), offset))![0];
}

function isCandidate(item: Omit<CompletionItem, 'data'>, word: string): boolean {
  const key = word.toLowerCase();
  const label = String(item.filterText ?? item.label).toLowerCase();
  return label.startsWith(key) || label.includes(` ${key}`) || label.includes(`-${key}`);
}

export function completionList(analysis: Analysis, compiled: CompiledTermbase, uri: string, word: string): CompletionList {
  const { items, concepts } = termbaseItems(compiled);
  // A large termbase would send megabytes per keystroke: narrow it to the word typed so far and let the client ask again.
  const isNarrowed = items.length > MAX_ITEMS;
  const result: CompletionItem[] = [];
  for (let i = 0; i < items.length && result.length < MAX_ITEMS; i++) {
    const item = items[i]!;
    if (isNarrowed && !isCandidate(item, word)) continue;
    result.push({ ...item, data: { uri, concept: concepts[i]!, preferred: compiled.concepts[concepts[i]!]!.preferred } satisfies CompletionData });
  }
  const known = new Set(compiled.concepts.map((c) => c.acronym).filter((a): a is string => !!a));
  for (const definition of acronymIndex(analysis.context).definitions) {
    if (known.has(definition.acronym)) continue;
    known.add(definition.acronym);
    result.push({ label: definition.acronym, kind: CompletionItemKind.Constant, detail: `${definition.expansion} (defined in this document)` });
  }
  return { isIncomplete: isNarrowed, items: result };
}

export function resolveCompletion(item: CompletionItem, compiled: CompiledTermbase | undefined): CompletionItem {
  const data = item.data as Partial<CompletionData> | undefined;
  if (!compiled || typeof data?.concept !== 'number') return item;
  const concept = compiled.concepts[data.concept];
  // The termbase may have been reloaded since the list was sent: only a concept that is still the same one gets a card.
  if (!concept || concept.preferred !== data.preferred) return item;
  return { ...item, documentation: { kind: MarkupKind.Markdown, value: markdownCard(concept) } };
}
