import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every Graph call goes through the one transport (lib/graph/transport.ts): the host guard, the caller's retry
// budget, Retry-After and the deferral live there. So no other file of lib/ or entrypoints/ may call the Graph SDK
// client's `api()` or build a JSON batch of its own (lib/graph/batch.ts is the one `$batch` client).
const root = path.resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** `file: what` for each `x.api(...)` call and each `'/$batch'` literal in a file. */
function graphCalls(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const relative = path.relative(root, file);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'api')
      found.push(`${relative}: api()`);
    if (ts.isStringLiteralLike(node) && node.text.startsWith('/$batch')) found.push(`${relative}: $batch`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('one Graph transport', () => {
  const calls = ['lib', 'entrypoints', 'components'].flatMap((dir) => sources(path.join(root, dir))).flatMap(graphCalls);

  it('only the transport calls the Graph client, and only the batch client sends $batch', () => {
    expect(calls).toEqual(['lib/graph/batch.ts: $batch', 'lib/graph/transport.ts: api()']);
  });
});
