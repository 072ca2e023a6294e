import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every word the popup and the console show goes through t() (lib/i18n/t.ts). This test reads each .tsx file and
// fails on text that would bypass it: JSX text, and string or template literals given as a JSX child or as one of
// the props that screen readers or eyes read.
const root = path.resolve(import.meta.dirname, '../../..');
const TEXT_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'alt',
  'title',
  'placeholder',
  'label',
  'hint',
  'description',
  'content',
  'text',
  'validationMessage',
  'header',
  'legend',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return file.endsWith('.tsx') ? [file] : [];
  });
}

const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

/** Literals that end up as the value: `'x'`, `` `x ${y}` ``, and the branches of `a ? 'x' : 'y'`, `a && 'x'`, `a ?? 'x'`. */
function literalTexts(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return literalTexts(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasWords(node.text) ? [node.text] : [];
  if (ts.isTemplateExpression(node)) {
    const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    return hasWords(text) ? [node.getText()] : [];
  }
  if (ts.isConditionalExpression(node)) return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind;
    if (kind === ts.SyntaxKind.AmpersandAmpersandToken) return literalTexts(node.right);
    if (kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken)
      return [...literalTexts(node.left), ...literalTexts(node.right)];
    if (kind === ts.SyntaxKind.PlusToken) return [...literalTexts(node.left), ...literalTexts(node.right)];
  }
  return [];
}

function literalTextIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && hasWords(node.text)) found.push(`${where(node)} ${JSON.stringify(node.text.trim())}`);
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const text of literalTexts(node.expression)) found.push(`${where(node)} ${JSON.stringify(text)}`);
    }
    if (ts.isJsxAttribute(node) && TEXT_PROPS.has(node.name.getText()) && node.initializer) {
      const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
      for (const text of value ? literalTexts(value) : []) found.push(`${where(node)} ${node.name.getText()}=${JSON.stringify(text)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// Files not yet converted to t(). This list only shrinks; an empty list is the goal of issue #6.
const PENDING = new Set<string>([]);

describe('the UI text', () => {
  const files = [...sources(path.join(root, 'components')), ...sources(path.join(root, 'entrypoints'))];

  it('goes through t() in every component and page', () => {
    const found = files.filter((file) => !PENDING.has(path.relative(root, file))).flatMap(literalTextIn);
    expect(found, 'literal UI text: move it to public/_locales/*/messages.json and call t()').toEqual([]);
  });

  it('lists as pending only files that still have literal text', () => {
    const done = [...PENDING].filter((file) => literalTextIn(path.join(root, file)).length === 0);
    expect(done, 'converted: remove them from PENDING').toEqual([]);
  });
});
