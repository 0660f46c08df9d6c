/**
 * `brieflint extract`: proposes a termbase (our JSON format) from a brief:
 * every hanzi parenthetical with the English phrase before it, and every
 * acronym the brief defines with its expansion.
 */
import { parseDocument } from './document/index';
import { findParentheticals, phraseBefore } from './parentheticals';
import { findAcronymDefinitions } from './checks/acronyms/definitions';
import type { DocumentKind } from './types';

export interface ProposedConcept {
  id: string;
  en: string;
  zh?: string;
  acronym?: string;
  source: string;
}

export interface ProposedTermbase {
  $schema: string;
  name: string;
  concepts: ProposedConcept[];
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48) || 'concept';
}

export function extractTermbase(text: string, kind: DocumentKind, sourceName: string): ProposedTermbase {
  const doc = parseDocument(text, kind);
  const concepts: ProposedConcept[] = [];
  const byZh = new Map<string, ProposedConcept>();
  const byAcronym = new Map<string, ProposedConcept>();
  const ids = new Set<string>();
  const add = (concept: Omit<ProposedConcept, 'id' | 'source'>, offset: number) => {
    let id = slug(concept.acronym ?? concept.en);
    for (let n = 2; ids.has(id); n++) id = `${slug(concept.acronym ?? concept.en)}-${n}`;
    ids.add(id);
    const line = doc.lines.positionAt(offset).line + 1;
    const full: ProposedConcept = { id, ...concept, source: `${sourceName}:${line}` };
    concepts.push(full);
    return full;
  };

  const parentheticals = findParentheticals(doc, []);
  for (const definition of findAcronymDefinitions(doc, undefined, parentheticals)) {
    if (definition.isInNotes || byAcronym.has(definition.acronym)) continue;
    const existing = definition.zh ? byZh.get(definition.zh) : undefined;
    if (existing) {
      existing.acronym ??= definition.acronym;
      byAcronym.set(definition.acronym, existing);
      continue;
    }
    const concept = add({ en: definition.expansion, acronym: definition.acronym, ...(definition.zh ? { zh: definition.zh } : {}) }, definition.start);
    byAcronym.set(definition.acronym, concept);
    if (definition.zh) byZh.set(definition.zh, concept);
  }
  for (const p of parentheticals) {
    if (p.isInNotes) continue;
    for (const part of p.parts) {
      if (!part.hasHanzi) continue;
      const zh = part.text.replace(/\s+/g, '');
      if (byZh.has(zh) || [...zh].length > 16) continue;
      const en = phraseBefore(doc, p);
      if (!en) continue;
      byZh.set(zh, add({ en, zh }, part.start));
    }
  }
  return { $schema: '../schemas/termbase.schema.json', name: `Proposed from ${sourceName}`, concepts };
}
