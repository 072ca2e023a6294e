// `npm run contract:shapes -- --repo <msgraph-metadata clone or bare mirror> [--rev HEAD]`
//
// Writes graph-shapes.json: the part of Microsoft Graph v1.0's published metadata (the CSDL files in
// https://github.com/microsoftgraph/msgraph-metadata, schemas/v1.0-<cloud>.csdl) that the local tenant serves — the
// element type of every context path below, their base types, and every complex and enum type their properties use —
// with, for each type and property, the national clouds whose CSDL lacks it. shapes.test.ts holds every answer of
// the local tenant to this data, so the next time the emulator invents a property or a type, a test fails.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { format } from 'prettier';
import { elementType, parseCsdl, type CsdlModel, type CsdlType } from './csdl.ts';
import { SHAPES_FILE, type ShapeProperty, type ShapesData, type ShapeType } from './shapes.ts';

/** schemas/v1.0-<cloud>.csdl: worldwide (Prod), US Gov (Fairfax), China (Mooncake), the other sovereign clouds. */
const CLOUDS = ['Prod', 'Fairfax', 'Mooncake', 'USNat', 'USSec', 'Bleu', 'Delos', 'GovSG'] as const;

/**
 * `@odata.context` paths (entity set or singleton, then navigation properties or type casts, keys left out) of what
 * the local tenant serves or is about to serve. A new route adds its path here, then `npm run contract:shapes`.
 */
export const CONTEXTS = [
  'users',
  'me',
  'groups',
  'directoryObjects',
  'directoryRoles',
  'organization',
  'domains',
  'subscribedSkus',
  'users/memberOf',
  'users/transitiveMemberOf',
  'groups/members',
  'auditLogs/directoryAudits',
  'auditLogs/signIns',
  'admin/serviceAnnouncement/healthOverviews',
  'admin/serviceAnnouncement/issues',
  'users/mailFolders',
  'sites',
  'drives',
  'users/drive',
  'users/drives',
  'servicePrincipals',
  'oauth2PermissionGrants',
  'applications',
  'roleManagement/directory/roleAssignments',
  'roleManagement/directory/roleAssignmentScheduleInstances',
  'roleManagement/directory/roleEligibilityScheduleInstances',
  'security/auditLog/queries',
  'security/auditLog/queries/records',
];

/** Types that appear by `@odata.type` inside a collection of their base type (members, memberOf). */
export const CAST_TYPES = [
  'microsoft.graph.user',
  'microsoft.graph.group',
  'microsoft.graph.directoryRole',
  'microsoft.graph.servicePrincipal',
];

function args(): { repo: string; rev: string } {
  const argv = process.argv.slice(2);
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const repo = value('--repo') ?? process.env.MSGRAPH_METADATA_REPO;
  if (!repo) {
    throw new Error(
      'Give the msgraph-metadata repository: --repo <path> (a clone or bare mirror of https://github.com/microsoftgraph/msgraph-metadata).',
    );
  }
  return { repo, rev: value('--rev') ?? 'HEAD' };
}

function git(repo: string, ...rest: string[]): string {
  // `git -C` works in a clone and in a bare mirror alike.
  return execFileSync('git', ['-C', repo, ...rest], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** The element type a context path names, walking navigation properties (of the type and its bases) and casts. */
function resolveContext(model: CsdlModel, path: string): string | undefined {
  const [first = '', ...rest] = path.split('/');
  let type = model.container.get(first);
  for (const segment of rest) {
    if (!type) return undefined;
    if (model.types.has(segment)) {
      type = segment;
      continue;
    }
    let found: string | undefined;
    for (let t = model.types.get(type); t && !found; t = t.baseType ? model.types.get(t.baseType) : undefined) {
      found = t.navigation.find((n) => n.name === segment)?.type;
    }
    type = found ? elementType(found) : undefined;
  }
  return type;
}

function merge(name: string, models: Map<string, CsdlModel>): { type: ShapeType; refs: string[] } | undefined {
  const defs = new Map<string, CsdlType>();
  for (const [cloud, model] of models) {
    const def = model.types.get(name);
    if (def) defs.set(cloud, def);
  }
  const first = defs.get('Prod') ?? [...defs.values()][0];
  if (!first) return undefined;
  const missing = (has: (cloud: string) => boolean) => CLOUDS.filter((c) => !has(c));
  const type: ShapeType = { kind: first.kind };
  const typeMissing = missing((c) => defs.has(c));
  if (typeMissing.length) type.missingIn = typeMissing;
  if (first.baseType) type.base = first.baseType;
  if (first.abstract) type.abstract = true;
  if (first.openType) type.open = true;
  const refs: string[] = first.baseType ? [first.baseType] : [];
  if (first.kind === 'enum') {
    const members = new Set<string>();
    for (const def of defs.values()) for (const m of def.members) members.add(m);
    type.members = [...members];
    if (first.isFlags) type.flags = true;
    return { type, refs };
  }
  const collect = (pick: (d: CsdlType) => CsdlType['properties'], follow: boolean) => {
    const out: Record<string, ShapeProperty> = {};
    const names = new Set<string>();
    for (const def of defs.values()) for (const p of pick(def)) names.add(p.name);
    for (const propName of names) {
      const inCloud = (c: string) => pick(defs.get(c) ?? first).some((p) => p.name === propName) && defs.has(c);
      const declared = [...defs.values()].flatMap((d) => pick(d).filter((p) => p.name === propName));
      const p = declared[0];
      if (!p) continue;
      const types = [...new Set(declared.map((d) => d.type))];
      const prop: ShapeProperty = { type: p.type };
      if (types.length > 1) prop.alsoTypes = types.slice(1);
      if (!p.nullable) prop.nullable = false;
      const propMissing = missing(inCloud);
      if (propMissing.length) prop.missingIn = propMissing;
      out[propName] = prop;
      if (follow) for (const t of types) if (!elementType(t).startsWith('Edm.')) refs.push(elementType(t));
    }
    return out;
  };
  type.properties = collect((d) => d.properties, true);
  const navigation = collect((d) => d.navigation, false);
  if (Object.keys(navigation).length) type.navigation = navigation;
  return { type, refs };
}

async function main(): Promise<void> {
  const { repo, rev } = args();
  const commit = git(repo, 'rev-parse', `${rev}^{commit}`).trim();
  const files: Record<string, string> = {};
  const models = new Map<string, CsdlModel>();
  for (const cloud of CLOUDS) {
    const file = `schemas/v1.0-${cloud}.csdl`;
    files[cloud] = file;
    models.set(cloud, parseCsdl(git(repo, 'show', `${commit}:${file}`)));
  }
  const contexts: Record<string, string> = {};
  for (const path of CONTEXTS) {
    const type = [...models.values()].map((m) => resolveContext(m, path)).find(Boolean);
    if (!type) throw new Error(`The context path '${path}' resolves in none of the CSDL files.`);
    contexts[path] = type;
  }
  const types: Record<string, ShapeType> = {};
  const queue = [...new Set([...Object.values(contexts), ...CAST_TYPES])];
  while (queue.length) {
    const name = queue.shift() ?? '';
    if (types[name]) continue;
    const merged = merge(name, models);
    if (!merged) throw new Error(`The type '${name}' is in none of the CSDL files.`);
    types[name] = merged.type;
    for (const ref of merged.refs) if (!types[ref]) queue.push(ref);
  }
  const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
  const data: ShapesData = {
    source: { repository: 'https://github.com/microsoftgraph/msgraph-metadata', commit, files },
    clouds: [...CLOUDS],
    contexts,
    types: sorted,
  };
  const text = await format(JSON.stringify(data), { parser: 'json', printWidth: 140 });
  writeFileSync(SHAPES_FILE, text);
  console.log(`${SHAPES_FILE.pathname}: ${Object.keys(sorted).length} types from ${commit}`);
}

// Run as a script (npm run contract:shapes); imported by tests only for CONTEXTS.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
