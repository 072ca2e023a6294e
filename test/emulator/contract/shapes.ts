// Microsoft Graph's shapes as published (graph-shapes.json, written by generate-shapes.ts from the CSDL of
// microsoftgraph/msgraph-metadata) and a checker that holds a JSON answer to them: every property's name is declared
// on the type or one of its base types, every value has the declared type (Edm primitives, enum members, complex
// types recursively, collections), `@odata.type` names a known type derived from the declared one, and only OData
// control information (`@odata.*`) and delta's `@removed` / `<navigation>@delta` appear beside properties.
// OData JSON format: https://docs.oasis-open.org/odata/odata-json-format/v4.01/odata-json-format-v4.01.html;
// delta: https://learn.microsoft.com/graph/delta-query-overview (microsoft-graph-docs-contrib concepts/delta-query-overview.md).

import { readFileSync } from 'node:fs';

export const SHAPES_FILE = new URL('./graph-shapes.json', import.meta.url);

export interface ShapeProperty {
  type: string;
  /** Other types the same property has in another cloud's CSDL. */
  alsoTypes?: string[];
  nullable?: false;
  /** Clouds whose CSDL lacks the property (absent: every cloud has it). */
  missingIn?: string[];
}

export interface ShapeType {
  kind: 'entity' | 'complex' | 'enum';
  base?: string;
  abstract?: true;
  open?: true;
  missingIn?: string[];
  properties?: Record<string, ShapeProperty>;
  navigation?: Record<string, ShapeProperty>;
  members?: string[];
  flags?: true;
}

export interface ShapesData {
  source: { repository: string; commit: string; files: Record<string, string> };
  clouds: string[];
  /** `@odata.context` path without keys or $select → the element type it holds. */
  contexts: Record<string, string>;
  types: Record<string, ShapeType>;
}

let cached: ShapesData | undefined;

export function loadShapes(): ShapesData {
  cached ??= JSON.parse(readFileSync(SHAPES_FILE, 'utf8')) as ShapesData;
  return cached;
}

export interface CheckOptions {
  /** The cloud whose CSDL must declare every property (default Prod, the worldwide service). */
  cloud?: string;
  /** The request's $select: then no other property may come back (OData: the select list is the answer). */
  select?: string[];
  /** A delta page: `@removed` and `<navigation>@delta` are allowed. */
  delta?: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^\d{2}:\d{2}(:\d{2}(\.\d{1,12})?)?$/;
const DURATION = /^-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const BASE64URL = /^[A-Za-z0-9_=+/-]*$/;
/** Directory schema extensions (`extension_<appId without dashes>_<name>`): dynamic properties of open entity types. */
const EXTENSION = /^extension_[0-9a-f]{32}_\w+$/;
/**
 * Dynamic properties Graph is documented to send on an open complex type, beyond its declared ones (string or null):
 * a directory audit's initiating user (microsoft-graph-docs-contrib api-reference/v1.0/api/directoryaudit-list.md,
 * example 2's response). Any other undeclared property is a mistake of ours.
 */
const DOCUMENTED_DYNAMIC: Record<string, string[]> = {
  'microsoft.graph.userIdentity': ['userType', 'homeTenantId', 'homeTenantName'],
};
/** delta: `@removed.reason` is `changed` (removed from the collection, e.g. a member) or `deleted`. */
const REMOVED_REASONS = ['changed', 'deleted'];
/** Collection responses carry these beside `value` (OData JSON format §12, Graph paging and delta). */
const COLLECTION_CONTROL = ['@odata.context', '@odata.nextLink', '@odata.deltaLink', '@odata.count'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const elementOf = (type: string) => /^Collection\((.+)\)$/.exec(type)?.[1];

class Checker {
  readonly problems: string[] = [];

  constructor(
    readonly data: ShapesData,
    readonly options: CheckOptions,
  ) {}

  private get cloud(): string {
    return this.options.cloud ?? 'Prod';
  }

  problem(path: string, text: string): void {
    this.problems.push(`${path || '(body)'}: ${text}`);
  }

  derivesFrom(type: string, base: string): boolean {
    for (let t: string | undefined = type; t; t = this.data.types[t]?.base) if (t === base) return true;
    return false;
  }

  /** A structural or navigation property of the type or a base type. */
  lookup(type: string, name: string): { prop: ShapeProperty; navigation: boolean } | undefined {
    for (let t: string | undefined = type; t; t = this.data.types[t]?.base) {
      const def = this.data.types[t];
      const prop = def?.properties?.[name];
      if (prop) return { prop, navigation: false };
      const nav = def?.navigation?.[name];
      if (nav) return { prop: nav, navigation: true };
    }
    return undefined;
  }

  isOpen(type: string): boolean {
    for (let t: string | undefined = type; t; t = this.data.types[t]?.base) if (this.data.types[t]?.open) return true;
    return false;
  }

  object(value: unknown, declared: string, path: string, top: boolean, inDelta: boolean): void {
    if (!isObject(value)) return this.problem(path, `expected a ${declared} object, got ${JSON.stringify(value)}`);
    let type = declared;
    const odataType = value['@odata.type'];
    if (odataType !== undefined) {
      const name = typeof odataType === 'string' ? odataType.replace(/^#/, '') : '';
      if (typeof odataType !== 'string' || !odataType.startsWith('#') || !this.data.types[name]) {
        return this.problem(path, `@odata.type ${JSON.stringify(odataType)} is no type of graph-shapes.json`);
      }
      if (!this.derivesFrom(name, declared)) return this.problem(path, `@odata.type ${name} does not derive from ${declared}`);
      type = name;
    }
    const def = this.data.types[type];
    if (!def) return this.problem(path, `type ${type} is not in graph-shapes.json (add its context to generate-shapes.ts)`);
    if (def.missingIn?.includes(this.cloud)) this.problem(path, `type ${type} is not in the ${this.cloud} CSDL`);
    const removed = value['@removed'] !== undefined;
    for (const [key, v] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key === '@removed') {
        if (!inDelta) this.problem(at, '@removed outside a delta answer');
        else if (!isObject(v) || !REMOVED_REASONS.includes(String(v.reason)) || Object.keys(v).length !== 1) {
          this.problem(at, `expected {"reason":"changed"|"deleted"}, got ${JSON.stringify(v)}`);
        }
        continue;
      }
      if (key.startsWith('@')) {
        if (!key.startsWith('@odata.')) this.problem(at, 'only @odata.* instance annotations are allowed');
        else if (top && key === '@odata.context') continue;
        else if (typeof v !== 'string') this.problem(at, 'expected a string');
        continue;
      }
      if (removed && key !== 'id') this.problem(at, 'a removed object carries only its id');
      const annotation = key.indexOf('@');
      const name = annotation >= 0 ? key.slice(0, annotation) : key;
      const found = this.lookup(type, name);
      if (!found) {
        if (annotation < 0 && this.isOpen(type) && EXTENSION.test(name)) continue;
        if (annotation < 0 && DOCUMENTED_DYNAMIC[type]?.includes(name)) {
          if (v !== null && typeof v !== 'string') this.problem(at, `expected a string or null, got ${JSON.stringify(v)}`);
          continue;
        }
        this.problem(at, `${type} has no property '${name}' in the CSDL`);
        continue;
      }
      if (found.prop.missingIn?.includes(this.cloud)) this.problem(at, `'${name}' is not in the ${this.cloud} CSDL`);
      if (top && this.options.select && annotation < 0 && name !== 'id' && !this.options.select.includes(name)) {
        this.problem(at, `not in $select=${this.options.select.join(',')}`);
      }
      if (annotation >= 0) {
        const suffix = key.slice(annotation + 1);
        if (suffix === 'delta') {
          if (!inDelta || !found.navigation) this.problem(at, '@delta belongs to a navigation property of a delta answer');
          else this.value(v, found.prop, at, true);
        } else if (!suffix.startsWith('odata.')) this.problem(at, `unknown property annotation '${suffix}'`);
        continue;
      }
      this.value(v, found.prop, at, false);
    }
  }

  value(v: unknown, prop: ShapeProperty, path: string, inDelta: boolean): void {
    const types = [prop.type, ...(prop.alsoTypes ?? [])];
    const errors: string[][] = [];
    for (const type of types) {
      const before = this.problems.length;
      this.typed(v, type, prop.nullable !== false, path, inDelta);
      if (this.problems.length === before) return;
      errors.push(this.problems.splice(before));
    }
    this.problems.push(...(errors[0] ?? []));
  }

  typed(v: unknown, type: string, nullable: boolean, path: string, inDelta: boolean): void {
    const element = elementOf(type);
    if (element) {
      if (!Array.isArray(v)) return this.problem(path, `expected ${type}, got ${JSON.stringify(v)}`);
      v.forEach((item, i) => this.typed(item, element, element.startsWith('Edm.') ? nullable : false, `${path}[${i}]`, inDelta));
      return;
    }
    if (v === null) {
      if (!nullable) this.problem(path, `null, but ${type} is Nullable="false"`);
      return;
    }
    const fail = () => this.problem(path, `expected ${type}, got ${JSON.stringify(v)}`);
    switch (type) {
      case 'Edm.String':
        return void (typeof v !== 'string' && fail());
      case 'Edm.Boolean':
        return void (typeof v !== 'boolean' && fail());
      case 'Edm.Byte':
      case 'Edm.SByte':
      case 'Edm.Int16':
      case 'Edm.Int32':
        return void ((!Number.isInteger(v) || Math.abs(v as number) > 2 ** 31) && fail());
      case 'Edm.Int64':
        return void (!Number.isInteger(v) && fail());
      case 'Edm.Double':
      case 'Edm.Single':
      case 'Edm.Decimal':
        return void (typeof v !== 'number' && !(typeof v === 'string' && ['NaN', 'INF', '-INF'].includes(v)) && fail());
      case 'Edm.DateTimeOffset':
        return void ((typeof v !== 'string' || !DATE_TIME_OFFSET.test(v) || Number.isNaN(Date.parse(v))) && fail());
      case 'Edm.Date':
        return void ((typeof v !== 'string' || !DATE.test(v)) && fail());
      case 'Edm.TimeOfDay':
        return void ((typeof v !== 'string' || !TIME_OF_DAY.test(v)) && fail());
      case 'Edm.Duration':
        return void ((typeof v !== 'string' || !DURATION.test(v)) && fail());
      case 'Edm.Guid':
        return void ((typeof v !== 'string' || !GUID.test(v)) && fail());
      case 'Edm.Binary':
        return void ((typeof v !== 'string' || !BASE64URL.test(v)) && fail());
      case 'Edm.Untyped':
        return;
      case 'Edm.Stream':
        return this.problem(path, 'a stream property has no JSON value');
    }
    if (type.startsWith('Edm.')) return this.problem(path, `unknown primitive ${type}`);
    const def = this.data.types[type];
    if (!def) return this.problem(path, `type ${type} is not in graph-shapes.json`);
    if (def.kind === 'enum') {
      const members = def.members ?? [];
      const values = typeof v === 'string' ? (def.flags ? v.split(',').map((s) => s.trim()) : [v]) : [];
      if (!values.length || values.some((m) => !members.includes(m))) {
        this.problem(path, `${JSON.stringify(v)} is no member of ${type} (${members.join(', ')})`);
      }
      return;
    }
    this.object(v, type, path, false, inDelta);
  }
}

export interface ParsedContext {
  /** Context path without keys and select lists, e.g. `users/mailFolders`. */
  path: string;
  entity: boolean;
  /** The select list of the context, when it has one. */
  select?: string[];
  /** `$metadata#Collection(type)`: a function's result, typed by name, not by path. */
  collectionOf?: string;
}

/** `https://host/v1.0/$metadata#users('id')/mailFolders/$entity` → users/mailFolders, entity. */
export function parseContext(context: string): ParsedContext | undefined {
  const at = context.indexOf('$metadata#');
  if (at < 0) return undefined;
  let fragment = context.slice(at + '$metadata#'.length);
  const entity = fragment.endsWith('/$entity');
  if (entity) fragment = fragment.slice(0, -'/$entity'.length);
  fragment = fragment.replace(/\/\$delta$/, '');
  // Graph names a function result's type unqualified, e.g. filterByCurrentUser's
  // `$metadata#Collection(unifiedRoleEligibilityScheduleInstance)` (unifiedroleeligibilityscheduleinstance-filterbycurrentuser.md).
  const collection = /^Collection\(([\w.]+)\)$/.exec(fragment)?.[1];
  if (collection) return { path: '', entity: false, collectionOf: collection.includes('.') ? collection : `microsoft.graph.${collection}` };
  const segments: string[] = [];
  let select: string[] | undefined;
  for (const segment of fragment.match(/[^/(]+(\([^)]*\))?/g) ?? []) {
    const m = /^([^(]+)(?:\((.*)\))?$/.exec(segment);
    if (!m?.[1]) return undefined;
    segments.push(m[1]);
    const inner = m[2];
    // A key is quoted or a bare GUID/number; anything else in parentheses is the select list.
    if (inner !== undefined && !/^('.*'|[0-9a-f-]+)$/i.test(inner)) select = inner.split(',');
  }
  return { path: segments.join('/'), entity, select };
}

/** Problems of one JSON answer of Graph (a collection page or one entity); [] when it holds to the CSDL. */
export function graphBodyProblems(body: unknown, options: CheckOptions = {}, data = loadShapes()): string[] {
  const checker = new Checker(data, options);
  if (!isObject(body)) return ['(body): not a JSON object'];
  const raw = body['@odata.context'];
  if (typeof raw !== 'string') return ['@odata.context: missing'];
  const context = parseContext(raw);
  const type = context ? contextType(raw, data) : undefined;
  if (!context || !type) {
    return [`@odata.context: '${raw}' names no context of graph-shapes.json (add it to generate-shapes.ts, then npm run contract:shapes)`];
  }
  if (context.entity) {
    checker.object(body, type, '', true, !!options.delta);
    return checker.problems;
  }
  for (const [key, v] of Object.entries(body)) {
    if (key === 'value') continue;
    if (!COLLECTION_CONTROL.includes(key)) checker.problem(key, 'not allowed beside a collection');
    else if (key === '@odata.count' ? !Number.isInteger(v) : typeof v !== 'string')
      checker.problem(key, `wrong type: ${JSON.stringify(v)}`);
  }
  if (!Array.isArray(body.value)) checker.problem('value', 'a collection answer has a value array');
  else body.value.forEach((item, i) => checker.object(item, type, `value[${i}]`, true, !!options.delta));
  return checker.problems;
}

/** The element type a context names: a path of graph-shapes.json, possibly ending in a cast to a derived type. */
export function contextType(context: string, data = loadShapes()): string | undefined {
  const parsed = parseContext(context);
  if (!parsed) return undefined;
  if (parsed.collectionOf) return data.types[parsed.collectionOf]?.kind === 'entity' ? parsed.collectionOf : undefined;
  const direct = data.contexts[parsed.path];
  if (direct) return direct;
  const cut = parsed.path.lastIndexOf('/');
  const cast = parsed.path.slice(cut + 1);
  const base = data.contexts[parsed.path.slice(0, cut)];
  if (!base || !data.types[cast]) return undefined;
  for (let t: string | undefined = cast; t; t = data.types[t]?.base) if (t === base) return cast;
  return undefined;
}
