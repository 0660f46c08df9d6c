/**
 * The glossary card of a concept, in Markdown (hover, completion) and plain
 * text (the client's look-up dialog): preferred English, hanzi, pinyin,
 * acronym, definition, usage note, the status of the form in question, and
 * the source.
 */
import type { Concept, FormKind } from '../engine/index';

/** Escapes the characters that would turn termbase text into Markdown markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&');
}

/** One sentence on the status of the form under the cursor. */
export function formStatus(concept: Concept, kind: FormKind, written: string): string {
  const preferred = `"${concept.preferred}"`;
  switch (kind) {
    case 'preferred':
      return `"${written}" is the preferred form.`;
    case 'admitted':
      return `"${written}" is an admitted variant; the preferred form is ${preferred}. Keep one rendering per brief.`;
    case 'deprecated':
      return `"${written}" is deprecated: use ${preferred}.`;
    case 'acronym':
      return `${written} is the acronym of ${preferred}.`;
    case 'zh':
      return `${written} is the Chinese term (simplified) for ${preferred}.`;
    case 'zhTraditional':
      return `${written} is the Chinese term (traditional) for ${preferred}.`;
  }
}

export interface CardForm {
  kind: FormKind;
  /** The text as written in the document. */
  written: string;
}

function hanziLine(concept: Concept): string[] {
  const parts: string[] = [];
  if (concept.zh.length > 0) parts.push(concept.zh.join(', '));
  if (concept.zhTraditional.length > 0) parts.push(`traditional ${concept.zhTraditional.join(', ')}`);
  return parts;
}

/** The card as Markdown. */
export function markdownCard(concept: Concept, form?: CardForm): string {
  const e = escapeMarkdown;
  const blocks: string[] = [];
  blocks.push(`**${e(concept.preferred)}**${concept.acronym ? ` (${e(concept.acronym)})` : ''}`);
  const chinese = hanziLine(concept).map(e);
  if (concept.pinyin) chinese.push(`*${e(concept.pinyin)}*`);
  if (chinese.length > 0) blocks.push(chinese.join(' · '));
  if (form) blocks.push(e(formStatus(concept, form.kind, form.written)));
  if (concept.definition) blocks.push(e(concept.definition));
  if (concept.note) blocks.push(`**Usage:** ${e(concept.note)}`);
  const variants: string[] = [];
  if (concept.admitted.length > 0) variants.push(`admitted: ${concept.admitted.map(e).join(', ')}`);
  if (concept.deprecated.length > 0) variants.push(`deprecated: ${concept.deprecated.map((d) => `~~${e(d)}~~`).join(', ')}`);
  if (variants.length > 0) blocks.push(`**Variants:** ${variants.join('; ')}`);
  if (concept.source) blocks.push(`**Source:** ${e(concept.source)}`);
  return blocks.join('\n\n');
}

/** The card as plain text (for dialogs that do not render Markdown). */
export function plainCard(concept: Concept, form?: CardForm): string {
  const lines: string[] = [];
  lines.push(`${concept.preferred}${concept.acronym ? ` (${concept.acronym})` : ''}`);
  const chinese = hanziLine(concept);
  if (concept.pinyin) chinese.push(concept.pinyin);
  if (chinese.length > 0) lines.push(chinese.join(' · '));
  if (form) lines.push(formStatus(concept, form.kind, form.written));
  if (concept.definition) lines.push('', concept.definition);
  if (concept.note) lines.push('', `Usage: ${concept.note}`);
  if (concept.admitted.length > 0) lines.push(`Admitted: ${concept.admitted.join(', ')}`);
  if (concept.deprecated.length > 0) lines.push(`Deprecated: ${concept.deprecated.join(', ')}`);
  if (concept.source) lines.push('', `Source: ${concept.source}`);
  return lines.join('\n');
}
