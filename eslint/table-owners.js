// @ts-check
// A local ESLint rule: a Dexie table is written only by its owner module in lib/store/ (the lease: lib/lease/), (issue #14, "one owner per
// table"). Type-aware: any put/add/update/delete/bulk*/modify/clear called on a Dexie Table or Collection is a write;
// the record type of that table (its first type argument) names the owner that may make it.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const WRITES = new Set(['put', 'add', 'update', 'delete', 'bulkPut', 'bulkAdd', 'bulkDelete', 'bulkUpdate', 'modify', 'clear']);
const DEXIE_TYPES = new Set(['Table', 'Collection']);

/**
 * @typedef {{ owners: Record<string, string>, storeDir: string, allowed?: Record<string, string[]> }} Options
 */

/** @param {import('typescript').Type} type */
function isDexieTable(type) {
  const symbol = type.getSymbol();
  if (!symbol || !DEXIE_TYPES.has(symbol.getName())) return false;
  return (symbol.getDeclarations() ?? []).some((d) => d.getSourceFile().fileName.includes('/node_modules/dexie/'));
}

/**
 * The name of the record type a table holds (`TenantRecord`), or undefined when it is not a named type.
 * @param {import('typescript').TypeChecker} checker
 * @param {import('typescript').Type} type
 */
function recordTypeOf(checker, type) {
  const [record] = checker.getTypeArguments(/** @type {import('typescript').TypeReference} */ (type));
  if (!record) return undefined;
  return (record.aliasSymbol ?? record.getSymbol())?.getName();
}

/** @type {import('eslint').Rule.RuleModule} */
export const tableOwners = {
  meta: {
    type: 'problem',
    messages: {
      notOwner: 'Only {{owner}} writes {{record}} records: call its function for this `{{method}}` (one owner per table).',
      unknown: "`{{method}}` on a table whose record type is not named: write through the table's owner in lib/store/.",
    },
    schema: [{ type: 'object', additionalProperties: true }],
  },
  create(context) {
    const options = /** @type {Options} */ (context.options[0] ?? { owners: {}, storeDir: 'lib/store/' });
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const allowed = new Set(Object.entries(options.allowed ?? {}).flatMap(([prefix, records]) => (file.startsWith(prefix) ? records : [])));
    if (allowed.has('*')) return {};
    const services = context.sourceCode.parserServices;
    if (!services?.program) throw new Error('table-owners needs type information (parserOptions.projectService)');
    const checker = services.program.getTypeChecker();
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        if (!WRITES.has(method)) return;
        const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(callee.object));
        if (!isDexieTable(type)) return;
        const record = recordTypeOf(checker, type);
        const owner = record !== undefined ? options.owners[record] : undefined;
        if (owner === undefined) {
          if (!file.startsWith(options.storeDir) && !allowed.has(record ?? ''))
            context.report({ node, messageId: 'unknown', data: { method } });
          return;
        }
        if (file === owner || allowed.has(record ?? '')) return;
        context.report({ node, messageId: 'notOwner', data: { owner, record, method } });
      },
    };
  },
};

export default { rules: { 'table-owners': tableOwners } };
