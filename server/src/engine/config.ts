/**
 * The workspace configuration file (`.brieflint.json`, schemas/config.schema.json),
 * shared by the CLI and the language server so that the editor and CI agree.
 * Checked field by field: a bad value falls back to its default with one problem.
 */
import { parseTree, type Node } from 'jsonc-parser';
import { positionOf, type TermbaseProblem } from './termbase/model';
import { DEFAULT_ACRONYM_ALLOW_LIST } from './options';
import type { SeveritySetting } from './types';

export const CONFIG_FILE_NAME = '.brieflint.json';

export interface WorkspaceConfig {
  /** Termbase paths as written (relative to the config file). */
  termbases: string[];
  bundledTermbase: boolean;
  rules: Record<string, SeveritySetting>;
  acronymAllowList: string[];
}

export const DEFAULT_CONFIG: WorkspaceConfig = {
  termbases: [],
  bundledTermbase: true,
  rules: {},
  acronymAllowList: [...DEFAULT_ACRONYM_ALLOW_LIST],
};

const SEVERITY_SETTINGS = new Set(['error', 'warning', 'information', 'hint', 'off']);

export function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && SEVERITY_SETTINGS.has(value);
}

export function parseConfigText(source: string, file: string): { config: WorkspaceConfig; problems: TermbaseProblem[] } {
  // Editors on Windows may save a byte order mark; as a space it keeps every offset where it was.
  const text = source.charCodeAt(0) === 0xfeff ? ` ${source.slice(1)}` : source;
  const problems: TermbaseProblem[] = [];
  const report = (node: Node | undefined, message: string) =>
    problems.push({ ...positionOf(text, node?.offset ?? 0, file), severity: 'warning', message });
  const config: WorkspaceConfig = { ...DEFAULT_CONFIG, rules: {}, acronymAllowList: [...DEFAULT_CONFIG.acronymAllowList] };
  const errors: { offset: number }[] = [];
  const root = parseTree(text, errors as never, { allowTrailingComma: true });
  if (errors.length > 0 || !root || root.type !== 'object') {
    problems.push({ ...positionOf(text, errors[0]?.offset ?? 0, file), severity: 'error', message: 'not a valid JSON object; using the defaults' });
    return { config, problems };
  }
  for (const property of root.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    if (!keyNode || !value) continue;
    const key = String(keyNode.value);
    switch (key) {
      case '$schema':
        break;
      case 'termbases':
        if (value.type === 'array' && (value.children ?? []).every((c) => c.type === 'string')) {
          config.termbases = (value.children ?? []).map((c) => String(c.value));
        } else report(value, '"termbases" must be a list of file paths; ignored');
        break;
      case 'bundledTermbase':
        if (value.type === 'boolean') config.bundledTermbase = Boolean(value.value);
        else report(value, '"bundledTermbase" must be true or false; using true');
        break;
      case 'rules':
        if (value.type !== 'object') {
          report(value, '"rules" must be an object of rule ids to severities; ignored');
          break;
        }
        for (const rule of value.children ?? []) {
          const [ruleKey, ruleValue] = rule.children ?? [];
          if (!ruleKey || !ruleValue) continue;
          if (isSeveritySetting(ruleValue.value)) config.rules[String(ruleKey.value)] = ruleValue.value;
          else report(ruleValue, `severity of "${String(ruleKey.value)}" must be error, warning, information, hint or off; using the default`);
        }
        break;
      case 'acronyms': {
        if (value.type !== 'object') {
          report(value, '"acronyms" must be an object with "allow" and/or "extraAllow"; ignored');
          break;
        }
        for (const entry of value.children ?? []) {
          const [entryKey, list] = entry.children ?? [];
          if (!entryKey || !list) continue;
          const name = String(entryKey.value);
          const items = list.type === 'array' && (list.children ?? []).every((c) => c.type === 'string') ? (list.children ?? []).map((c) => String(c.value)) : undefined;
          if (!items || (name !== 'allow' && name !== 'extraAllow')) {
            report(list, `"acronyms.${name}" must be "allow" or "extraAllow" with a list of acronyms; ignored`);
            continue;
          }
          if (name === 'allow') config.acronymAllowList = [...items, ...config.acronymAllowList.filter((a) => !DEFAULT_ACRONYM_ALLOW_LIST.includes(a))];
          else config.acronymAllowList.push(...items);
        }
        break;
      }
      default:
        report(keyNode, `unknown setting "${key}"; ignored`);
    }
  }
  return { config, problems };
}
