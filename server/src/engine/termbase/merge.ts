/**
 * Merges termbase files in order (bundled, then user, then workspace). Ids are
 * local to a file: two entries are one concept when they share a Chinese term
 * or their preferred English term. The later file's forms and statuses win; the
 * earlier file's other fields fill gaps. Contradictions that remain are reported
 * on the file that introduced them.
 */
import { tokenizeTerm } from '../match/tokens';
import type { Concept, SourcePosition, Termbase, TermbaseFile, TermbaseProblem } from './model';

/** Compares English forms the way the matcher does (case, hyphens, spaces). */
export function formKey(text: string): string {
  return tokenizeTerm(text)
    .map((t) => t.gap + t.key)
    .join(' ');
}

function hanziKey(text: string): string {
  return text.replace(/\s+/g, '');
}

/** formKey, remembered for one merge: every form is compared several times, and tokenising is the cost. */
type FormKeyOf = (text: string) => string;

function rememberingFormKey(): FormKeyOf {
  const keys = new Map<string, string>();
  return (text) => {
    let key = keys.get(text);
    if (key === undefined) keys.set(text, (key = formKey(text)));
    return key;
  };
}

function uniqueForms(forms: string[], exclude: Set<string>, formKey: FormKeyOf): string[] {
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

/** Hanzi lists without repeats, preferring the spelling without stray white space. */
function uniqueHanzi(forms: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const form of forms) {
    const key = hanziKey(form);
    const seen = byKey.get(key);
    if (seen === undefined || (seen !== key && form === key)) byKey.set(key, form);
  }
  return [...byKey.values()];
}

function mergeInto(earlier: Concept, later: Concept, formKey: FormKeyOf): Concept {
  const preferredKey = formKey(later.preferred);
  const laterDeprecated = new Set(later.deprecated.map(formKey));
  const laterAdmitted = new Set(later.admitted.map(formKey));
  // Forms only the earlier file knows keep their status, unless the later file re-classifies them.
  const earlierAdmitted = [earlier.preferred, ...earlier.admitted].filter((f) => !laterDeprecated.has(formKey(f)));
  const earlierDeprecated = earlier.deprecated.filter((f) => formKey(f) !== preferredKey && !laterAdmitted.has(formKey(f)));
  const admitted = uniqueForms([...later.admitted, ...earlierAdmitted], new Set([preferredKey]), formKey);
  const deprecated = uniqueForms([...later.deprecated, ...earlierDeprecated], new Set([preferredKey, ...admitted.map(formKey)]), formKey);
  return {
    id: earlier.id,
    zh: uniqueHanzi([...later.zh, ...earlier.zh]),
    zhTraditional: uniqueHanzi([...later.zhTraditional, ...earlier.zhTraditional]),
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
  const formKey = rememberingFormKey();
  const concepts: Concept[] = [];
  const problems: TermbaseProblem[] = [];
  const byHanzi = new Map<string, number>();
  const byPreferred = new Map<string, number>();
  const usedIds = new Set<string>();
  /** Per merged concept: which entry introduced each English form, so conflicts land on the right file. */
  const formOrigins: Map<string, SourcePosition>[] = [];
  const recordForms = (position: number, concept: Concept, file: string) => {
    const origins = (formOrigins[position] ??= new Map());
    const at = concept.origin ?? { file, line: 1, column: 1 };
    for (const form of formsOf(concept, formKey)) if (!origins.has(form)) origins.set(form, at);
  };

  const index = (position: number) => {
    const concept = concepts[position]!;
    for (const zh of [...concept.zh, ...concept.zhTraditional]) byHanzi.set(hanziKey(zh), position);
    byPreferred.set(formKey(concept.preferred), position);
  };

  for (const file of files) {
    problems.push(...file.problems);
    for (const concept of file.concepts) {
      problems.push(...selfContradictions(concept, file.file, formKey));
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
        concepts[position] = mergeInto(concepts[position]!, concept, formKey);
        recordForms(position, concept, file.file);
        index(position);
        continue;
      }
      let id = concept.id;
      if (usedIds.has(id)) id = `${file.file.split(/[\\/]/).pop()}:${id}`;
      usedIds.add(id);
      concepts.push({ ...concept, id, zh: uniqueHanzi(concept.zh), zhTraditional: uniqueHanzi(concept.zhTraditional) });
      recordForms(concepts.length - 1, concept, file.file);
      index(concepts.length - 1);
    }
  }
  problems.push(...findSharedForms(concepts, formOrigins, files.map((f) => f.file), formKey));
  return { concepts, problems, files: files.map((f) => f.file) };
}

/** The English forms and acronym of a concept as comparison keys. */
function formsOf(concept: Concept, formKey: FormKeyOf): string[] {
  const keys = [concept.preferred, ...concept.admitted, ...concept.deprecated].map(formKey);
  if (concept.acronym) keys.push(`acronym:${concept.acronym}`);
  return [...new Set(keys)];
}

/** A form both preferred (or admitted) and deprecated in one entry: reported on that entry, before any merge hides it. */
function selfContradictions(concept: Concept, file: string, formKey: FormKeyOf): TermbaseProblem[] {
  const at = concept.origin ?? { file, line: 1, column: 1 };
  const deprecatedKeys = new Set(concept.deprecated.map(formKey));
  return [concept.preferred, ...concept.admitted]
    .filter((form) => deprecatedKeys.has(formKey(form)))
    .map((form) => ({
      ...at,
      severity: 'error' as const,
      message: `"${form}" is both ${form === concept.preferred ? 'preferred' : 'admitted'} and deprecated in concept "${concept.id}"`,
    }));
}

/** One English form (or acronym) claimed by two concepts: reported where the later of the two claims was written. */
function findSharedForms(concepts: Concept[], formOrigins: Map<string, SourcePosition>[], fileOrder: string[], formKey: FormKeyOf): TermbaseProblem[] {
  const problems: TermbaseProblem[] = [];
  const owner = new Map<string, number>();
  concepts.forEach((concept, position) => {
    for (const form of formsOf(concept, formKey)) {
      const first = owner.get(form);
      if (first === undefined) {
        owner.set(form, position);
        continue;
      }
      const other = concepts[first]!;
      const firstAt = formOrigins[first]?.get(form) ?? other.origin;
      const secondAt = formOrigins[position]?.get(form) ?? concept.origin ?? { file: '<termbase>', line: 1, column: 1 };
      const at = firstAt && fileOrder.indexOf(firstAt.file) > fileOrder.indexOf(secondAt.file) ? firstAt : secondAt;
      const shown = form.startsWith('acronym:') ? form.slice('acronym:'.length) : form;
      problems.push({
        ...at,
        severity: 'warning',
        message: `"${shown}" is claimed by two concepts: "${other.id}" (${firstAt ? `${firstAt.file}:${firstAt.line}` : 'earlier'}) and "${concept.id}"; the first one wins when matching`,
      });
    }
  });
  return problems;
}
