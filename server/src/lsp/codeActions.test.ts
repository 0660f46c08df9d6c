import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { silenceEdit } from './codeActions';

function silenced(text: string, line: number, isMarkdown: boolean): string {
  const document = TextDocument.create('file:///a', isMarkdown ? 'markdown' : 'plaintext', 1, text);
  return TextDocument.applyEdits(document, [silenceEdit(document, isMarkdown, line, 'term/deprecated')]);
}

test('in Markdown, a line that starts a block after a blank line gets the comment on its own line above', () => {
  assert.equal(silenced('# Title\n\nThe dual cycle strategy.\n', 2, true), '# Title\n\n<!-- brieflint-disable-next-line term/deprecated -->\nThe dual cycle strategy.\n');
  assert.equal(silenced('The dual cycle strategy.', 0, true), '<!-- brieflint-disable-next-line term/deprecated -->\nThe dual cycle strategy.');
});

test('in Markdown, a line inside a paragraph, a list, a quote or a table gets the comment at its end, so no block is split', () => {
  assert.equal(silenced('First line,\nthe dual cycle strategy.\n', 1, true), 'First line,\nthe dual cycle strategy. <!-- brieflint-disable-line term/deprecated -->\n');
  assert.equal(silenced('Intro.\n\n- the dual cycle strategy\n', 2, true), 'Intro.\n\n- the dual cycle strategy <!-- brieflint-disable-line term/deprecated -->\n');
  assert.equal(silenced('Intro.\n\n1. the dual cycle strategy\n', 2, true), 'Intro.\n\n1. the dual cycle strategy <!-- brieflint-disable-line term/deprecated -->\n');
  assert.equal(silenced('Intro.\n\n> the dual cycle strategy\n', 2, true), 'Intro.\n\n> the dual cycle strategy <!-- brieflint-disable-line term/deprecated -->\n');
  assert.equal(silenced('Intro.\n\n| the dual cycle strategy |\n', 2, true), 'Intro.\n\n| the dual cycle strategy | <!-- brieflint-disable-line term/deprecated -->\n');
  assert.equal(silenced('- item\n\n  continued: the dual cycle strategy\n', 2, true), '- item\n\n  continued: the dual cycle strategy <!-- brieflint-disable-line term/deprecated -->\n');
});

test('in plain text the comment always goes on its own line above, indented like the line, with the file\u2019s line ends', () => {
  assert.equal(silenced('Notes\r\n  1. the dual cycle strategy\r\n', 1, false), 'Notes\r\n  <!-- brieflint-disable-next-line term/deprecated -->\r\n  1. the dual cycle strategy\r\n');
});
