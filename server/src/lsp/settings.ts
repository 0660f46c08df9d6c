/**
 * The editor settings under `brieflint.*`, checked field by field: a bad value
 * falls back to its default and produces one warning naming the setting, the
 * value and what was used instead. package.json contributes the same fields.
 */
import { RULES, type SeveritySetting } from '../engine/index';
import { isSeveritySetting } from '../engine/config';
import { WORKSPACE_RULE } from './workspaceConsistency';

export type RunMode = 'onSave' | 'onType';

export interface BriefLintSettings {
  /** When diagnostics refresh: on open and save, or also as you type (debounced). */
  run: RunMode;
  /** Termbase files (.json, .tbx, .csv): absolute, `~/…`, or relative to the workspace folder. */
  termbases: string[];
  /** Load the termbase bundled with BriefLint first. */
  bundledTermbase: boolean;
  /** Severity per rule id, `family/*` or `family`; `.brieflint.json` wins over these. */
  rules: Record<string, SeveritySetting>;
  acronyms: {
    /** Acronyms that need no definition, added to the built-in list and to `.brieflint.json`'s. */
    allow: string[];
  };
  /** Report a concept rendered differently in two briefs of the same workspace. */
  workspaceConsistency: boolean;
  /** Language ids the client sends to the server (read by the client; checked here for the warning). */
  languages: string[];
}

export const DEFAULT_SETTINGS: BriefLintSettings = {
  run: 'onSave',
  termbases: [],
  bundledTermbase: true,
  rules: {},
  acronyms: { allow: [] },
  workspaceConsistency: true,
  languages: ['markdown', 'quarto', 'plaintext'],
};

const TRACE_VALUES = new Set(['off', 'messages', 'verbose']);

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isRuleKey(key: string): boolean {
  if (key === WORKSPACE_RULE) return true;
  const families = new Set(RULES.map((rule) => rule.id.split('/')[0]!));
  const family = key.endsWith('/*') ? key.slice(0, -2) : key;
  return RULES.some((rule) => rule.id === key) || families.has(family);
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Checks raw settings (whatever `workspace/configuration` returned) field by
 * field. Never throws; `undefined` or `null` means "all defaults".
 */
export function checkSettings(raw: unknown): { settings: BriefLintSettings; warnings: string[] } {
  const warnings: string[] = [];
  const settings: BriefLintSettings = {
    ...DEFAULT_SETTINGS,
    termbases: [],
    rules: {},
    acronyms: { allow: [] },
    languages: [...DEFAULT_SETTINGS.languages],
  };
  if (raw === undefined || raw === null) return { settings, warnings };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warnings.push(`brieflint settings must be an object, not ${show(raw)}; using the defaults`);
    return { settings, warnings };
  }
  const values = raw as Record<string, unknown>;
  const bad = (key: string, expected: string, fallback: unknown) =>
    warnings.push(`brieflint.${key} must be ${expected}, not ${show(values[key])}; using ${show(fallback)}`);

  if (values.run !== undefined) {
    if (values.run === 'onSave' || values.run === 'onType') settings.run = values.run;
    else bad('run', '"onSave" or "onType"', DEFAULT_SETTINGS.run);
  }
  if (values.termbases !== undefined) {
    if (isStringList(values.termbases)) settings.termbases = values.termbases.map((t) => t.trim()).filter((t) => t.length > 0);
    else bad('termbases', 'a list of file paths', []);
  }
  if (values.bundledTermbase !== undefined) {
    if (typeof values.bundledTermbase === 'boolean') settings.bundledTermbase = values.bundledTermbase;
    else bad('bundledTermbase', 'true or false', true);
  }
  if (values.workspaceConsistency !== undefined) {
    if (typeof values.workspaceConsistency === 'boolean') settings.workspaceConsistency = values.workspaceConsistency;
    else bad('workspaceConsistency', 'true or false', true);
  }
  if (values.languages !== undefined) {
    if (isStringList(values.languages) && values.languages.length > 0) settings.languages = values.languages;
    else bad('languages', 'a non-empty list of language ids', DEFAULT_SETTINGS.languages);
  }
  if (values.rules !== undefined) {
    const rules = values.rules;
    if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
      bad('rules', 'an object of rule ids to severities', {});
    } else {
      for (const [key, severity] of Object.entries(rules as Record<string, unknown>)) {
        if (!isRuleKey(key)) {
          warnings.push(`brieflint.rules: unknown rule "${key}"; ignored`);
        } else if (!isSeveritySetting(severity)) {
          warnings.push(`brieflint.rules["${key}"] must be error, warning, information, hint or off, not ${show(severity)}; using the rule's default`);
        } else {
          settings.rules[key] = severity;
        }
      }
    }
  }
  if (values.acronyms !== undefined) {
    const acronyms = values.acronyms;
    if (typeof acronyms !== 'object' || acronyms === null || Array.isArray(acronyms)) {
      bad('acronyms', 'an object with an "allow" list', { allow: [] });
    } else {
      const allow = (acronyms as Record<string, unknown>).allow;
      if (allow !== undefined) {
        if (isStringList(allow)) settings.acronyms.allow = allow.map((a) => a.trim()).filter((a) => a.length > 0);
        else warnings.push(`brieflint.acronyms.allow must be a list of acronyms, not ${show(allow)}; using []`);
      }
    }
  }
  const trace = (values.trace as Record<string, unknown> | undefined)?.server;
  if (trace !== undefined && !(typeof trace === 'string' && TRACE_VALUES.has(trace))) {
    warnings.push(`brieflint.trace.server must be "off", "messages" or "verbose", not ${show(trace)}; using "off"`);
  }
  return { settings, warnings };
}
