import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Words that lib/ hands to the admin (errors, states, badge, notifications, activity log) go through t(), like the
// components' words (no-literal-text.test.ts). The rule, for every string and template literal in lib/**/*.ts
// outside lib/i18n: it fails when the literal's own text reads like words for a person, that is three words in a
// row ("the answer is…") or a capitalised word followed by another ("Sync failed"). Not counted: import paths,
// literal types, and text for developers only — what `new Error(…)`, `console.*(…)` and `reportStopped(…)` get.
// Anything else that is not for the admin (a Microsoft API value, Chrome's own wording) goes in ALLOWED below.
const root = path.resolve(import.meta.dirname, '../../..');
const WORDS = [/\p{L}{2,} +\p{L}{2,} +\p{L}{2,}/u, /^\s*\p{Lu}\p{Ll}+ +\p{L}/u];
// A template's substitutions count as words (`${n} users and ${m} groups`), but at least two must be its own.
const SUBSTITUTION = ' xx ';
const looksLikeWords = (text: string) =>
  WORDS.some((pattern) => pattern.test(text)) && /\p{L}{2,} +\p{L}{2,}/u.test(text.replaceAll(SUBSTITUTION, ' … '));

/** `file: text` of literals that are not for the admin, each with its reason. Keep it short. */
const ALLOWED = new Set([
  // The names Microsoft's service health API reports the services under: matched, never shown.
  'lib/connectors/services.ts: Exchange Online',
  'lib/connectors/services.ts: SharePoint Online',
  'lib/connectors/services.ts: OneDrive for Business',
  // chrome.offscreen.createDocument's justification (read by Chrome and store reviewers), and Chrome's own error text.
  'lib/worker/offscreen-document.ts: Hosts the Microsoft sign-in library (msal-browser), which needs a DOM and localStorage.',
  'lib/worker/offscreen-document.ts: Only a single offscreen',
]);

const DEVELOPER_CALLS = /^(new (Type)?Error|console\.\w+|reportStopped)$/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

/** The call or `new` a literal is an argument of, as written (`new Error`, `console.error`), if any. */
function calleeOf(node: ts.Node): string | undefined {
  let current: ts.Node = node;
  while (ts.isTemplateSpan(current.parent) || ts.isTemplateExpression(current.parent) || ts.isBinaryExpression(current.parent))
    current = current.parent;
  const parent = current.parent;
  if (ts.isNewExpression(parent)) return `new ${parent.expression.getText()}`;
  if (ts.isCallExpression(parent) && parent.arguments.includes(current as ts.Expression)) return parent.expression.getText();
  return undefined;
}

export function literalWordsIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const relative = path.relative(root, file);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    let words: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) words = node.text;
    if (ts.isTemplateExpression(node)) words = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(SUBSTITUTION);
    if (words !== undefined && looksLikeWords(words)) {
      const callee = calleeOf(node);
      if (!(callee && DEVELOPER_CALLS.test(callee)) && !ALLOWED.has(`${relative}: ${words}`)) {
        found.push(`${relative}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${JSON.stringify(words)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the words in lib/', () => {
  const files = sources(path.join(root, 'lib')).filter((file) => !file.startsWith(path.join(root, 'lib', 'i18n')));

  it('go through t(): no literal admin words in lib/ (outside lib/i18n)', () => {
    const found = files.flatMap((file) => literalWordsIn(file, readFileSync(file, 'utf8')));
    expect(found, 'literal words: move them to public/_locales/*/messages.json and call t()').toEqual([]);
  });

  it('the rule catches sentences and labels, and leaves code, developer errors and the allowed list alone', () => {
    const file = path.join(root, 'lib/example.ts');
    const sample = [
      "const a = 'The grant was revoked.';",
      'const b = `${n} users and ${m} groups synced`;',
      "const c = 'Sync failed';",
      "const d = 'the answer is not complete JSON';",
      "throw new Error('HostGuardMiddleware must not be the last middleware');",
      "console.error('Background work stopped:', code);",
      "const e = '/users/delta?$select=id,displayName';",
      'const f = `${resource}: ${t(why)}`;',
      "type G = 'Some literal type here';",
      "import x from './not words at all';",
    ].join('\n');
    expect(literalWordsIn(file, sample).map((line) => line.replace(/^\S+ /, ''))).toEqual([
      '"The grant was revoked."',
      '" xx  users and  xx  groups synced"',
      '"Sync failed"',
      '"the answer is not complete JSON"',
    ]);
  });

  it('allows only literals that are still there', () => {
    const texts = new Set(
      files.flatMap((file) => {
        const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
        const relative = path.relative(root, file);
        const found: string[] = [];
        const visit = (node: ts.Node): void => {
          if (ts.isStringLiteral(node)) found.push(`${relative}: ${node.text}`);
          ts.forEachChild(node, visit);
        };
        visit(source);
        return found;
      }),
    );
    expect(
      [...ALLOWED].filter((entry) => !texts.has(entry)),
      'gone: remove them from ALLOWED',
    ).toEqual([]);
  });
});
