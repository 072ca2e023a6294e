// The permission contract (graph-permissions.json, generated from Microsoft's tables) as typed data for the local tenant:
// Entra grants only the delegated names in it, Graph lets a route through only with one of its operation's permissions.

import contractJson from './graph-permissions.json';

export interface ContractOperation {
  id: string;
  method: string;
  paths: string[];
  doc: string;
  source?: { repository: string; path: string; commit: string };
  note?: string;
  /** Alternatives; each is a set of permissions needed together. */
  delegatedLeast: string[][];
  delegatedHigher: string[][];
  applicationLeast: string[][];
  applicationHigher: string[][];
}

interface Contract {
  oidcScopes: { source: string; names: string[]; rules: string[] };
  operations: ContractOperation[];
  delegated: string[];
  applicationOnly: string[];
}

// A JSON import (not a file read): the module also loads in happy-dom tests, where import.meta.url is not a file URL.
const contract: Contract = contractJson;

export const CONTRACT_OPERATIONS: readonly ContractOperation[] = contract.operations;

/** Every permission Microsoft publishes as delegated for the operations the product makes. */
export const DELEGATED_PERMISSIONS: readonly string[] = contract.delegated;

/** Permissions Microsoft publishes only as application permissions (e.g. Mail.ReadBasic.All). */
export const APPLICATION_ONLY_PERMISSIONS: readonly string[] = contract.applicationOnly;

export const OIDC_SCOPE_NAMES: readonly string[] = contract.oidcScopes.names;

/** The operation by id; throws for an id the contract does not know, so a route cannot exist without its data. */
export function contractOperation(id: string): ContractOperation {
  const found = contract.operations.find((o) => o.id === id);
  if (!found) throw new Error(`Graph operation '${id}' is not in test/emulator/contract/graph-permissions.json (npm run contract:update)`);
  return found;
}

/** Every alternative (least and higher) that lets a delegated token make the call. */
export function delegatedAlternatives(op: ContractOperation): string[][] {
  return [...op.delegatedLeast, ...op.delegatedHigher];
}

/**
 * Whether a path (after /v1.0, without query) fits a template; `{...}` in either matches one segment, so a template
 * literal's `${id}` written as `{}` fits `{id}`. Case-insensitive, like Graph's path segments.
 */
export function pathFits(template: string, path: string): boolean {
  const a = template.split('/');
  const b = path.split('/');
  if (a.length !== b.length) return false;
  return a.every((segment, i) => {
    const other = b[i] ?? '';
    return /^\{.*\}$/.test(segment) || /^\{.*\}$/.test(other) || segment.toLowerCase() === other.toLowerCase();
  });
}
