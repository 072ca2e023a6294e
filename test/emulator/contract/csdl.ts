// A reader for Microsoft Graph's CSDL (the $metadata of microsoftgraph/msgraph-metadata's schemas/*.csdl): only what
// the shapes contract needs — entity, complex and enum types with their properties, and the entity container's
// entity sets and singletons. The files are machine-written XML (one element per line, attributes in double quotes),
// so a tag scanner is enough; no XML parser dependency.

export interface CsdlProperty {
  name: string;
  /** Fully qualified: `Edm.String`, `microsoft.graph.assignedLicense`, `Collection(microsoft.graph.assignedPlan)`. */
  type: string;
  nullable: boolean;
}

export interface CsdlType {
  kind: 'entity' | 'complex' | 'enum';
  name: string;
  baseType?: string;
  abstract?: boolean;
  openType?: boolean;
  properties: CsdlProperty[];
  navigation: CsdlProperty[];
  /** Enum members. */
  members: string[];
  isFlags?: boolean;
}

export interface CsdlModel {
  types: Map<string, CsdlType>;
  /** Entity sets and singletons of the container: name → element type (fully qualified). */
  container: Map<string, string>;
}

const TAG = /<(\/?)([A-Za-z][\w:.]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /([\w:.-]+)="([^"]*)"/g;

function attributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of raw.matchAll(ATTRIBUTE)) out[m[1] ?? ''] = m[2] ?? '';
  return out;
}

/** `Collection(x)` → x. */
export function elementType(type: string): string {
  const m = /^Collection\((.+)\)$/.exec(type);
  return m?.[1] ?? type;
}

export function isCollection(type: string): boolean {
  return type.startsWith('Collection(');
}

export function parseCsdl(xml: string): CsdlModel {
  const types = new Map<string, CsdlType>();
  const container = new Map<string, string>();
  const aliases = new Map<string, string>();
  // First pass: every schema's alias, so a type may name another schema's alias before that schema appears.
  for (const m of xml.matchAll(/<Schema\s([^>]*)>/g)) {
    const a = attributes(m[1] ?? '');
    if (a.Alias && a.Namespace) aliases.set(a.Alias, a.Namespace);
  }
  let namespace = '';
  let alias = '';
  let current: CsdlType | undefined;
  let inContainer = false;

  const qualify = (name: string): string => {
    if (name.startsWith('Collection(')) return `Collection(${qualify(elementType(name))})`;
    if (name.startsWith('Edm.')) return name;
    const dot = name.lastIndexOf('.');
    const prefix = name.slice(0, dot);
    if (prefix === alias) return `${namespace}${name.slice(dot)}`;
    const resolved = aliases.get(prefix);
    return resolved ? `${resolved}${name.slice(dot)}` : name;
  };

  for (const m of xml.matchAll(TAG)) {
    const closing = m[1] === '/';
    const tag = m[2] ?? '';
    const selfClosing = m[4] === '/';
    const a = attributes(m[3] ?? '');
    if (closing) {
      if (tag === 'EntityType' || tag === 'ComplexType' || tag === 'EnumType') current = undefined;
      else if (tag === 'EntityContainer') inContainer = false;
      continue;
    }
    switch (tag) {
      case 'Schema':
        namespace = a.Namespace ?? '';
        alias = a.Alias ?? '';
        break;
      case 'EntityType':
      case 'ComplexType':
      case 'EnumType': {
        const type: CsdlType = {
          kind: tag === 'EntityType' ? 'entity' : tag === 'ComplexType' ? 'complex' : 'enum',
          name: `${namespace}.${a.Name ?? ''}`,
          properties: [],
          navigation: [],
          members: [],
        };
        if (a.BaseType) type.baseType = qualify(a.BaseType);
        if (a.Abstract === 'true') type.abstract = true;
        if (a.OpenType === 'true') type.openType = true;
        if (a.IsFlags === 'true') type.isFlags = true;
        types.set(type.name, type);
        current = selfClosing ? undefined : type;
        break;
      }
      case 'Property':
      case 'NavigationProperty':
        if (current && a.Name && a.Type) {
          const list = tag === 'Property' ? current.properties : current.navigation;
          list.push({ name: a.Name, type: qualify(a.Type), nullable: a.Nullable !== 'false' });
        }
        break;
      case 'Member':
        if (current?.kind === 'enum' && a.Name) current.members.push(a.Name);
        break;
      case 'EntityContainer':
        inContainer = !selfClosing;
        break;
      case 'EntitySet':
        if (inContainer && a.Name && a.EntityType) container.set(a.Name, qualify(a.EntityType));
        break;
      case 'Singleton':
        if (inContainer && a.Name && a.Type) container.set(a.Name, qualify(a.Type));
        break;
    }
  }
  return { types, container };
}
