import type { Check, Report } from '../../check';
import { formatMarker, noteSystems } from './analysis';

/**
 * `footnote/stray-digit`: a plain digit standing where a note marker belongs.
 *
 * Flags a digit glued to sentence punctuation (`).9`, `."9`, `.9 `) whose number
 * the marker sequence lacks, right between its neighbours (⁸ before it, ¹⁰ after):
 * a superscript lost in a PDF extraction. The fix writes it as a marker in the
 * document's style ("⁹").
 *
 * Skips every other digit: years ("2021-25"), ordinals ("14th"), counts
 * ("16 megaprojects"), decimals ("279.7%"), names ("5G", "C919"), and digits whose
 * number the markers already have.
 *
 * Bad: `… (有效市场和有为政府)."9` → Good: `… (有效市场和有为政府)."⁹`
 */
export const strayDigit: Check = {
  id: 'footnote/stray-digit',
  description: 'A plain digit glued to sentence punctuation where a note marker belongs.',
  defaultSeverity: 'hint',
  run(ctx) {
    const reports: Report[] = [];
    const { text } = ctx.doc;
    for (const system of noteSystems(ctx)) {
      for (const stray of system.strays) {
        const n = stray.number!;
        const marker = formatMarker('plain', n, system.markerStyle);
        let k = stray.start;
        while (k > 0 && stray.start - k < 3 && '.,;:!?)"”’]'.includes(text[k - 1]!)) k--;
        reports.push({
          message: `the plain digit in '${text.slice(k, stray.end)}' stands where note marker ${n} belongs; write it as "${marker}"`,
          start: stray.start,
          end: stray.end,
          fixes: [{ title: `Write note marker ${n} as "${marker}"`, edits: [{ start: stray.start, end: stray.end, newText: marker }], isPreferred: true }],
          data: { number: n, marker },
        });
      }
    }
    return reports;
  },
};
