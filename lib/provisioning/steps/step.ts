import type { SignedInAccount } from '../../auth/types';
import type { AppDB } from '../../db/app-db';
import type { TenantRecord } from '../../db/types';
import type { GraphTransport } from '../../graph/transport';
import { AuthError } from '../../errors/app-error';
import type { Param } from '../../errors/phrase';
import type { GrantRun } from '../types';

export interface GrantDeps {
  db: AppDB;
  now(): number;
  newId(): string;
  /**
   * Sign the admin in for these scopes (silently when Entra's session allows, else in the sign-in window);
   * `chooseAccount` opens Entra's account picker instead.
   */
  signIn(tenant: TenantRecord, scopes: string[], options?: { chooseAccount?: boolean }): Promise<SignedInAccount>;
  /** A Graph client on the tenant's cloud that uses this account's tokens for these scopes. */
  graph(tenant: TenantRecord, homeAccountId: string, scopes: string[]): GraphTransport;
  /** The initial directory sync of the run's scope; resolves with what the progress list words. */
  syncDirectory(tenant: TenantRecord, run: GrantRun): Promise<Param>;
  /** The 7-day activity backfill; resolves with what the progress list words. */
  backfillActivity(tenant: TenantRecord, run: GrantRun): Promise<Param>;
  /** Remove an account's tokens from the extension's msal cache (one the grant must not keep). */
  signOut(tenant: TenantRecord, homeAccountId: string): Promise<void>;
  /** Keeps the worker alive while a step waits (lib/lease/keep-alive.ts in the worker). */
  keepAlive?: () => Promise<void>;
}

/** What a step found (for the progress list to word, changes to the run), or `wait`: the admin must act first. */
export type StepOutcome = 'wait' | { detail?: Param; patch?: Partial<GrantRun> };

/** What every step is given: the run as it stands, its tenant, and the permissions the grant asks for. */
export interface StepContext {
  deps: GrantDeps;
  run: GrantRun;
  tenant: TenantRecord;
  /** Every connected service's permissions and the run's: one grant covers them all. */
  scopes: string[];
}

/** One step of Grant access (one file each in this folder); it throws an AppError when the grant cannot go on. */
export type GrantStepRun = (ctx: StepContext) => Promise<StepOutcome>;

/** The account the run signed in with; every step after the sign-in needs it. */
export function signedInAccount(ctx: StepContext): NonNullable<GrantRun['account']> {
  if (!ctx.run.account) throw new AuthError('not_signed_in');
  return ctx.run.account;
}

/** A Graph client with the run's account and permissions. */
export function graphOf(ctx: StepContext): GraphTransport {
  return ctx.deps.graph(ctx.tenant, signedInAccount(ctx).homeAccountId, ctx.scopes);
}
