/**
 * Merges termbase files in order (bundled, then user, then workspace). Ids are
 * local to a file: two entries are one concept when they share a Chinese term
 * or their preferred English term. The later file's forms and statuses win; the
 * earlier file's other fields fill gaps. Contradictions that remain are reported
 * on the file that introduced them.
 */
import { tokenizeTerm } from '../match/tokens';
import type { Concept, Termbase, TermbaseFile, TermbaseProblem } from './model';

/** Compares English forms the way the matcher does (case, hyphens, spaces). */
export function formKey(text: string): string {
  return tokenizeTerm(text)
    .map((t) => t.gap + t.key)
    .join(' ');
}

function hanziKey(text: string): string {
  return text.replace(/\s+/g, '');
}

function uniqueForms(forms: string[], exclude: Set<string>): string[] {
  const seen = new Set(exclude);
  const result: string[] = [];
  for (const form of forms) {
    const key = formKey(form);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(form);
  }
  return result;
}

function mergeInto(earlier: Concept, later: Concept): Concept {
  const preferredKey = formKey(later.preferred);
  const laterDeprecated = new Set(later.deprecated.map(formKey));
  const laterAdmitted = new Set(later.admitted.map(formKey));
  // Forms only the earlier file knows keep their status, unless the later file re-classifies them.
  const earlierAdmitted = [earlier.preferred, ...earlier.admitted].filter((f) => !laterDeprecated.has(formKey(f)));
  const earlierDeprecated = earlier.deprecated.filter((f) => formKey(f) !== preferredKey && !laterAdmitted.has(formKey(f)));
  const admitted = uniqueForms([...later.admitted, ...earlierAdmitted], new Set([preferredKey]));
  const deprecated = uniqueForms([...later.deprecated, ...earlierDeprecated], new Set([preferredKey, ...admitted.map(formKey)]));
  return {
    id: earlier.id,
    zh: [...new Set([...later.zh, ...earlier.zh])],
    zhTraditional: [...new Set([...later.zhTraditional, ...earlier.zhTraditional])],
    pinyin: later.pinyin ?? earlier.pinyin,
    preferred: later.preferred,
    admitted,
    deprecated,
    acronym: later.acronym ?? earlier.acronym,
    definition: later.definition ?? earlier.definition,
    note: later.note ?? earlier.note,
    source: later.source ?? earlier.source,
    caseSensitive: later.caseSensitive ?? earlier.caseSensitive,
    origin: later.origin ?? earlier.origin,
  };
}

export function mergeTermbases(files: TermbaseFile[]): Termbase {
  const concepts: Concept[] = [];
  const problems: TermbaseProblem[] = [];
  const byHanzi = new Map<string, number>();
  const byPreferred = new Map<string, number>();
  const usedIds = new Set<string>();

  const index = (position: number) => {
    const concept = concepts[position]!;
    for (const zh of [...concept.zh, ...concept.zhTraditional]) byHanzi.set(hanziKey(zh), position);
    byPreferred.set(formKey(concept.preferred), position);
  };

  for (const file of files) {
    problems.push(...file.problems);
    for (const concept of file.concepts) {
      const hanziMatches = [...concept.zh, ...concept.zhTraditional]
        .map((zh) => byHanzi.get(hanziKey(zh)))
        .filter((p): p is number => p !== undefined);
      const englishMatch = byPreferred.get(formKey(concept.preferred));
      const targets = [...new Set([...hanziMatches, ...(englishMatch === undefined ? [] : [englishMatch])])];
      if (targets.length > 1) {
        problems.push({
          ...(concept.origin ?? { file: file.file, line: 1, column: 1 }),
          severity: 'warning',
          message: `concept "${concept.id}" matches ${targets.length} earlier concepts (${targets
            .map((t) => `"${concepts[t]!.preferred}"`)
            .join(', ')}); merged into the first`,
        });
      }
      if (targets.length > 0) {
        const position = targets[0]!;
        concepts[position] = mergeInto(concepts[position]!, concept);
        index(position);
        continue;
      }
      let id = concept.id;
      if (usedIds.has(id)) id = `${file.file.split(/[\\/]/).pop()}:${id}`;
      usedIds.add(id);
      concepts.push({ ...concept, id });
      index(concepts.length - 1);
    }
  }
  problems.push(...findContradictions(concepts));
  return { concepts, problems, files: files.map((f) => f.file) };
}

/** One English form claimed by two concepts; a form both preferred (or admitted) and deprecated. */
function findContradictions(concepts: Concept[]): TermbaseProblem[] {
  const problems: TermbaseProblem[] = [];
  const owner = new Map<string, Concept>();
  for (const concept of concepts) {
    const at = concept.origin ?? { file: '<termbase>', line: 1, column: 1 };
    const deprecatedKeys = new Set(concept.deprecated.map(formKey));
    for (const form of [concept.preferred, ...concept.admitted]) {
      if (deprecatedKeys.has(formKey(form))) {
        problems.push({ ...at, severity: 'error', message: `"${form}" is both ${form === concept.preferred ? 'preferred' : 'admitted'} and deprecated in concept "${concept.id}"` });
      }
    }
    const forms = [concept.preferred, ...concept.admitted, ...concept.deprecated];
    if (concept.acronym) forms.push(concept.acronym);
    for (const form of new Set(forms.map((f) => (f === concept.acronym ? `acronym:${f}` : formKey(f))))) {
      const other = owner.get(form);
      if (other && other !== concept) {
        const shown = form.startsWith('acronym:') ? form.slice('acronym:'.length) : form;
        problems.push({
          ...at,
          severity: 'warning',
          message: `"${shown}" is claimed by two concepts: "${other.id}" (${other.origin ? `${other.origin.file}:${other.origin.line}` : 'earlier'}) and "${concept.id}"; the first one wins when matching`,
        });
      } else {
        owner.set(form, concept);
      }
    }
  }
  return problems;
}
