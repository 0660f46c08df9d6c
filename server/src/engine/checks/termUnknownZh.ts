/**
 * term/unknown-zh: a Chinese term in parentheses that no termbase knows.
 *
 * A hint, not a warning: the writer may be right. The finding carries the
 * English phrase before it (`data.en`) and the hanzi (`data.zh`), so the editor
 * can offer "add to the workspace termbase". Skips the notes list (titles of
 * cited works are not terms), and parentheticals longer than a term (over 16
 * hanzi: a quotation, not a term).
 */
import type { Check, Report } from '../check';
import { parentheticalsOf, phraseBefore } from '../parentheticals';

const MAX_TERM_HANZI = 16;

export const termUnknownZh: Check = {
  id: 'term/unknown-zh',
  description: 'A Chinese term in parentheses that no termbase knows.',
  defaultSeverity: 'hint',
  run(ctx) {
    const reports: Report[] = [];
    for (const p of parentheticalsOf(ctx)) {
      if (p.isInNotes) continue;
      for (const part of p.parts) {
        if (!part.hasHanzi || part.match) continue;
        const zh = part.text.replace(/\s+/g, '');
        if ([...zh].length > MAX_TERM_HANZI) continue;
        const en = phraseBefore(ctx.doc, p);
        reports.push({
          message: `${zh} is not in any termbase${en ? ` (glossed as "${en}")` : ''}`,
          start: part.start,
          end: part.end,
          data: { zh, ...(en ? { en } : {}) },
        });
      }
    }
    return reports;
  },
};
