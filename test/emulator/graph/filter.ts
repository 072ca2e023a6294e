// The subset of OData $filter that directory and audit queries use: eq/ne/gt/ge/lt/le, in (...), startswith(),
// and/or/not and parentheses. Compiles to a predicate over a property getter.

export type Getter = (property: string) => unknown;
export type Predicate = (get: Getter) => boolean;

export class FilterError extends Error {}

type Token = { kind: 'str' | 'word' | 'punct'; value: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new FilterError('Unterminated string literal.');
        if (input[i] === "'") {
          if (input[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += input[i];
        i++;
      }
      tokens.push({ kind: 'str', value });
    } else if ('(),'.includes(c)) {
      tokens.push({ kind: 'punct', value: c });
      i++;
    } else {
      let value = '';
      while (i < input.length && !/[\s(),']/.test(input[i] ?? '')) value += input[i++];
      tokens.push({ kind: 'word', value });
    }
  }
  return tokens;
}

function literal(token: Token | undefined): unknown {
  if (!token) throw new FilterError('Expected a value.');
  if (token.kind === 'str') return token.value;
  if (token.kind !== 'word') throw new FilterError(`Unexpected '${token.value}'.`);
  const v = token.value;
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  // Unquoted DateTimeOffset and GUID literals.
  return v;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const da = Date.parse(a);
    const db = Date.parse(b);
    if (/^\d{4}-\d\d-\d\dT/.test(a) && !Number.isNaN(da) && !Number.isNaN(db)) return da - db;
    return a.toLowerCase().localeCompare(b.toLowerCase());
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function equals(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

export function parseFilter(input: string, known?: (property: string) => boolean): Predicate {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const word = (w: string) => peek()?.kind === 'word' && peek()?.value.toLowerCase() === w;
  const expect = (value: string) => {
    const t = next();
    if (!t || t.value !== value) throw new FilterError(`Expected '${value}'.`);
  };
  const property = (t: Token | undefined): string => {
    if (!t || t.kind !== 'word') throw new FilterError('Expected a property name.');
    if (known && !known(t.value)) throw new FilterError(`Could not find a property named '${t.value}'.`);
    return t.value;
  };

  function primary(): Predicate {
    if (peek()?.value === '(') {
      next();
      const inner = or();
      expect(')');
      return inner;
    }
    if (word('not')) {
      next();
      const inner = primary();
      return (get) => !inner(get);
    }
    const first = next();
    if (first?.kind === 'word' && /^(startswith|endswith)$/i.test(first.value) && peek()?.value === '(') {
      next();
      const prop = property(next());
      expect(',');
      const value = String(literal(next())).toLowerCase();
      expect(')');
      const starts = first.value.toLowerCase() === 'startswith';
      return (get) => {
        const v = get(prop);
        if (typeof v !== 'string') return false;
        return starts ? v.toLowerCase().startsWith(value) : v.toLowerCase().endsWith(value);
      };
    }
    const prop = property(first);
    const op = next();
    if (!op || op.kind !== 'word') throw new FilterError('Expected an operator.');
    const operator = op.value.toLowerCase();
    if (operator === 'in') {
      expect('(');
      const values: unknown[] = [];
      while (peek()?.value !== ')') {
        values.push(literal(next()));
        if (peek()?.value === ',') next();
        else if (peek()?.value !== ')') throw new FilterError("Expected ',' or ')'.");
      }
      next();
      const set = new Set(values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)));
      return (get) => {
        const v = get(prop);
        return set.has(typeof v === 'string' ? v.toLowerCase() : v);
      };
    }
    const value = literal(next());
    switch (operator) {
      case 'eq':
        return (get) => equals(get(prop), value);
      case 'ne':
        return (get) => !equals(get(prop), value);
      case 'gt':
        return (get) => compare(get(prop), value) > 0;
      case 'ge':
        return (get) => compare(get(prop), value) >= 0;
      case 'lt':
        return (get) => compare(get(prop), value) < 0;
      case 'le':
        return (get) => compare(get(prop), value) <= 0;
      default:
        throw new FilterError(`Unsupported operator '${op.value}'.`);
    }
  }

  function and(): Predicate {
    let left = primary();
    while (word('and')) {
      next();
      const l = left;
      const r = primary();
      left = (get) => l(get) && r(get);
    }
    return left;
  }

  function or(): Predicate {
    let left = and();
    while (word('or')) {
      next();
      const l = left;
      const r = and();
      left = (get) => l(get) || r(get);
    }
    return left;
  }

  const predicate = or();
  if (pos < tokens.length) throw new FilterError(`Unexpected '${tokens[pos]?.value}'.`);
  return predicate;
}
