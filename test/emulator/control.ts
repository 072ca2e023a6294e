// The control API: what tests do to the tenant behind the product's back (directory changes, revoked grants, expired
// tokens, removed roles, faults), in-process as `tenant.control` and over HTTP as POST /_control/<method>.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROLES, SKU, type GroupRecord, type UserRecord } from './org/directory.ts';
import { PROVISIONING_STATUSES } from './org/licences.ts';
import type { OrgRuntime, TenantState } from './state.ts';
import { corsHeaders, readBody, sendJson } from './http-util.ts';
import { serviceId } from './graph/workloads.ts';
import { setRedirectPlatform } from './graph/applications.ts';
import { normaliseRequestedScopes } from './entra/scopes.ts';
import type {
  DirectoryGroupView,
  DirectoryUserView,
  FaultSpec,
  LatencySpec,
  RequestRecord,
  ServiceHealthStatus,
  TenantControl,
  UserInput,
} from './types.ts';

export interface ControlHooks {
  /** Regenerates the orgs' directories and clears grants, sessions and stores. */
  reset(): void;
}

function userView(u: UserRecord): DirectoryUserView {
  return { id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName, mail: u.mail, accountEnabled: u.accountEnabled };
}

function groupView(g: GroupRecord): DirectoryGroupView {
  return { id: g.id, displayName: g.displayName, mailNickname: g.mailNickname, memberCount: g.members.size };
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64) || 'object';
}

export function createControl(state: TenantState, hooks: ControlHooks): TenantControl {
  let passwordCounter = 0;

  const orgFor = (org?: string, upn?: string): OrgRuntime => {
    if (org) {
      const found = state.resolveTenant(org);
      if (!found || found === 'multi') throw new Error(`Unknown org '${org}'.`);
      return found;
    }
    if (upn?.includes('@')) {
      const domain = upn.slice(upn.indexOf('@') + 1).toLowerCase();
      const found = state.orgs.find((o) => o.spec.domain.toLowerCase() === domain);
      if (found) return found;
    }
    const first = state.orgs[0];
    if (!first) throw new Error('The tenant has no org.');
    return first;
  };

  const userOf = (idOrUpn: string): { org: OrgRuntime; user: UserRecord } => {
    const found = state.findUser(idOrUpn);
    if (!found) throw new Error(`No user '${idOrUpn}'.`);
    return found;
  };

  const groupOf = (id: string): { org: OrgRuntime; group: GroupRecord } => {
    for (const org of state.orgs) {
      const group = org.generated.directory.group(id);
      if (group) return { org, group };
    }
    throw new Error(`No group '${id}'.`);
  };

  const admin = (org: OrgRuntime) => org.generated.directory.user(org.generated.admin.id);

  const audit = (
    org: OrgRuntime,
    activity: string,
    category: string,
    target: { id: string; displayName: string | null; type: string; userPrincipalName?: string | null },
  ) => org.activity.recordAudit({ activity, category, initiatedBy: admin(org), target, operationType: activity.split(' ')[0] });

  /** A user as an audit's target. */
  const userTarget = (user: UserRecord) => ({
    id: user.id,
    displayName: user.displayName,
    type: 'User',
    userPrincipalName: user.userPrincipalName,
  });

  const userPatch = (input: UserInput): Partial<UserRecord> => {
    const patch: Partial<UserRecord> = {};
    const keys = [
      'displayName',
      'givenName',
      'surname',
      'userPrincipalName',
      'mailNickname',
      'mail',
      'jobTitle',
      'department',
      'officeLocation',
      'accountEnabled',
      'lastPasswordChangeDateTime',
      'passwordPolicies',
      'onPremisesSyncEnabled',
    ] as const;
    for (const key of keys) if (input[key] !== undefined) (patch as Record<string, unknown>)[key] = input[key];
    if (input.licensed !== undefined) {
      patch.sku = input.licensed ? SKU.E5 : null;
      patch.mailbox = input.licensed;
      patch.drive = input.licensed;
    }
    return patch;
  };

  const roleId = (role: string) => {
    const id = ROLES[role] ?? (Object.values(ROLES).includes(role) ? role : undefined);
    if (!id) throw new Error(`Unknown role '${role}'. Known: ${Object.keys(ROLES).join(', ')}.`);
    return id;
  };

  const revoke = (userId: string) => state.tokensValidFrom.set(userId, state.clock.now());

  return {
    addUser(input = {}, org) {
      const target = orgFor(org, input.userPrincipalName);
      const directory = target.generated.directory;
      const nickname = input.mailNickname ?? input.userPrincipalName?.split('@')[0] ?? `user${directory.users.count + 1}`;
      const upn = input.userPrincipalName ?? `${slug(nickname)}@${target.spec.domain}`;
      const licensed = input.licensed ?? true;
      const user: UserRecord = {
        id: randomUUID(),
        displayName: input.displayName ?? ([input.givenName, input.surname].filter(Boolean).join(' ') || nickname),
        givenName: input.givenName ?? null,
        surname: input.surname ?? null,
        userPrincipalName: upn,
        mailNickname: nickname,
        mail: input.mail !== undefined ? input.mail : licensed ? upn : null,
        jobTitle: input.jobTitle ?? null,
        department: input.department ?? null,
        officeLocation: input.officeLocation ?? null,
        office: 0,
        accountEnabled: input.accountEnabled ?? true,
        createdDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        sku: licensed ? SKU.E5 : null,
        mailbox: licensed,
        drive: licensed,
        mobilePhone: null,
        businessPhones: [],
        usageLocation: 'US',
      };
      directory.addUser(user, input.password);
      audit(target, 'Add user', 'UserManagement', { id: user.id, displayName: user.displayName, type: 'User', userPrincipalName: upn });
      return userView(user);
    },

    updateUser(idOrUpn, patch) {
      const { org, user } = userOf(idOrUpn);
      const updated = org.generated.directory.updateUser(user.id, userPatch(patch));
      if (patch.password) org.generated.directory.setPassword(user.id, patch.password);
      audit(org, 'Update user', 'UserManagement', userTarget(user));
      return userView(updated);
    },

    deleteUser(idOrUpn) {
      const { org, user } = userOf(idOrUpn);
      org.generated.directory.deleteUser(user.id);
      audit(org, 'Delete user', 'UserManagement', userTarget(user));
    },

    addGroup(input = {}, org) {
      const target = orgFor(org);
      const directory = target.generated.directory;
      const displayName = input.displayName ?? `Group ${directory.groups.count + 1}`;
      const nickname = input.mailNickname ?? slug(displayName.replace(/\s+/g, ''));
      const unified = input.groupTypes?.includes('Unified') ?? false;
      const mailEnabled = input.mailEnabled ?? unified;
      const group: GroupRecord = {
        id: randomUUID(),
        displayName,
        mailNickname: nickname,
        mail: mailEnabled ? `${nickname}@${target.spec.domain}` : null,
        description: input.description ?? null,
        securityEnabled: input.securityEnabled ?? !unified,
        mailEnabled,
        groupTypes: input.groupTypes ?? [],
        isAssignableToRole: input.isAssignableToRole ?? false,
        visibility: unified ? 'Private' : null,
        createdDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        members: new Set(
          (input.members ?? []).map((m) => {
            const user = directory.user(m);
            if (!user) throw new Error(`No user '${m}' in ${target.spec.domain}.`);
            return user.id;
          }),
        ),
      };
      directory.addGroup(group);
      audit(target, 'Add group', 'GroupManagement', { id: group.id, displayName, type: 'Group' });
      return groupView(group);
    },

    updateGroup(id, patch) {
      const { org, group } = groupOf(id);
      const rest: Partial<GroupRecord> = { ...patch, members: undefined };
      delete rest.members;
      const updated = org.generated.directory.updateGroup(group.id, rest);
      audit(org, 'Update group', 'GroupManagement', { id: group.id, displayName: group.displayName, type: 'Group' });
      return groupView(updated);
    },

    deleteGroup(id) {
      const { org, group } = groupOf(id);
      org.generated.directory.deleteGroup(group.id);
      audit(org, 'Delete group', 'GroupManagement', { id: group.id, displayName: group.displayName, type: 'Group' });
    },

    addGroupMember(groupId, userIdOrUpn) {
      const { org, group } = groupOf(groupId);
      const user = org.generated.directory.user(userIdOrUpn);
      if (!user) throw new Error(`No user '${userIdOrUpn}' in ${org.spec.domain}.`);
      org.generated.directory.addMember(group.id, user.id);
      audit(org, 'Add member to group', 'GroupManagement', { id: group.id, displayName: group.displayName, type: 'Group' });
    },

    removeGroupMember(groupId, userIdOrUpn) {
      const { org, group } = groupOf(groupId);
      const user = org.generated.directory.user(userIdOrUpn);
      if (!user) throw new Error(`No user '${userIdOrUpn}' in ${org.spec.domain}.`);
      org.generated.directory.removeMember(group.id, user.id);
      audit(org, 'Remove member from group', 'GroupManagement', { id: group.id, displayName: group.displayName, type: 'Group' });
    },

    capDeltaPages(max) {
      if (max !== null && !(Number.isInteger(max) && max > 0)) throw new Error('capDeltaPages needs a whole number above 0, or null.');
      state.deltaPageCap = max;
    },

    listDirectory(org) {
      const directory = orgFor(org).generated.directory;
      const present = <T>(slots: ReadonlyArray<T | null>) => slots.filter((item): item is T => item !== null);
      return {
        users: present(directory.users.slots).map((u) => ({ ...userView(u), licensed: u.sku !== null })),
        groups: present(directory.groups.slots).map((g) => ({
          id: g.id,
          displayName: g.displayName,
          mail: g.mail,
          members: [...g.members],
        })),
      };
    },

    expireDeltaTokens() {
      state.deltaEpoch++;
    },

    revokeGrants(upn) {
      revoke(userOf(upn).user.id);
    },

    resetPassword(upn, newPassword) {
      const { org, user } = userOf(upn);
      const password = newPassword ?? `Passw0rd!${++passwordCounter}`;
      revoke(user.id);
      for (const o of state.orgs) o.store.removeWhere('Session', (p) => p.accountId === user.id);
      org.generated.directory.setPassword(user.id, password);
      audit(org, 'Reset user password', 'UserManagement', userTarget(user));
      return password;
    },

    expireTokens(kinds = {}) {
      const now = state.clock.now();
      const both = kinds.access === undefined && kinds.refresh === undefined;
      if (both || kinds.access) state.accessValidFrom = now;
      if (both || kinds.refresh) state.refreshValidFrom = now;
    },

    endSessions() {
      for (const org of state.orgs) org.store.table('Session').clear();
    },

    removeRole(upn, role = 'Global Administrator') {
      const { org, user } = userOf(upn);
      org.generated.directory.setRole(user.id, roleId(role), false);
      audit(org, 'Remove member from role', 'RoleManagement', userTarget(user));
    },

    addRole(upn, role = 'Global Administrator') {
      const { org, user } = userOf(upn);
      org.generated.directory.setRole(user.id, roleId(role), true);
      audit(org, 'Add member to role', 'RoleManagement', userTarget(user));
    },

    assignRoleToGroup(groupId, role = 'Global Administrator') {
      const { org, group } = groupOf(groupId);
      if (!group.isAssignableToRole) throw new Error(`The group '${group.displayName}' is not role-assignable.`);
      org.generated.directory.setRole(group.id, roleId(role), true);
      audit(org, 'Add member to role', 'RoleManagement', { id: group.id, displayName: group.displayName, type: 'Group' });
    },

    makeEligible(upn, role = 'Global Administrator') {
      const { org, user } = userOf(upn);
      org.generated.directory.setEligible(user.id, roleId(role), true);
      audit(org, 'Add eligible member to role in PIM completed (permanent)', 'RoleManagement', userTarget(user));
    },

    activate(upn, hours, role = 'Global Administrator') {
      if (!(typeof hours === 'number' && hours > 0)) throw new Error('activate needs a number of hours above 0.');
      const { org, user } = userOf(upn);
      org.generated.directory.activate(user.id, roleId(role), state.clock.now() + hours * 3_600_000);
      audit(org, 'Add member to role completed (PIM activation)', 'RoleManagement', userTarget(user));
    },

    deactivate(upn, role = 'Global Administrator') {
      const { org, user } = userOf(upn);
      org.generated.directory.deactivate(user.id, roleId(role));
    },

    setServicePlan(servicePlanName, status, org) {
      if (status !== null && !(PROVISIONING_STATUSES as readonly string[]).includes(status))
        throw new Error(`Unknown provisioningStatus '${String(status)}'. Known: ${PROVISIONING_STATUSES.join(', ')}.`);
      let found = false;
      for (const o of org ? [orgFor(org)] : state.orgs) {
        for (const sku of o.subscriptions) {
          const plans = sku.servicePlans.filter((p) => p.servicePlanName.toLowerCase() === servicePlanName.toLowerCase());
          found ||= plans.length > 0;
          if (status === null) sku.servicePlans = sku.servicePlans.filter((p) => !plans.includes(p));
          else for (const p of plans) p.provisioningStatus = status;
        }
      }
      if (!found) throw new Error(`No subscription has the service plan '${servicePlanName}'.`);
    },

    setLifetimes(lifetimes) {
      if (lifetimes.accessTokenSeconds !== undefined) state.lifetimes.access = lifetimes.accessTokenSeconds;
      if (lifetimes.refreshTokenSeconds !== undefined) state.lifetimes.refresh = lifetimes.refreshTokenSeconds;
      if (lifetimes.sessionSeconds !== undefined) state.lifetimes.session = lifetimes.sessionSeconds;
    },

    setSigninState(values) {
      if (values !== null && !(Array.isArray(values) && values.every((v) => typeof v === 'string')))
        throw new Error('setSigninState needs a list of strings or null.');
      state.signinState = values;
    },

    removeConsent(upn) {
      const { org, user } = userOf(upn);
      const grantId = org.consents.get(user.id);
      org.consents.delete(user.id);
      org.userConsents.delete(user.id);
      if (grantId) org.store.table('Grant').delete(grantId);
    },

    setConditionalAccessBlock(upn, block = {}) {
      const { user } = userOf(upn);
      if (block === null) state.conditionalAccess.delete(user.id);
      else state.conditionalAccess.set(user.id, { signIn: block.signIn ?? true, refresh: block.refresh ?? true });
    },

    setUserConsent(allowed, org) {
      for (const o of org ? [orgFor(org)] : state.orgs) {
        if (allowed) state.adminConsentOnly.delete(o.spec.tenantId);
        else state.adminConsentOnly.add(o.spec.tenantId);
      }
    },

    grantAdminConsent(scopes, org) {
      if (!Array.isArray(scopes) || scopes.length === 0) throw new Error('grantAdminConsent needs a list of scopes.');
      const target = orgFor(org);
      for (const scope of normaliseRequestedScopes(scopes.join(' ')).split(' ').filter(Boolean)) target.adminConsent.add(scope);
    },

    revokeAdminConsent(scopes, org) {
      const target = orgFor(org);
      if (!scopes) target.adminConsent.clear();
      else for (const scope of normaliseRequestedScopes(scopes.join(' ')).split(' ')) target.adminConsent.delete(scope);
    },

    setRedirectPlatform(uri, platform) {
      setRedirectPlatform(state, uri, platform);
    },

    setServiceHealth(service, status: ServiceHealthStatus, org) {
      const id = serviceId(service);
      for (const o of org ? [orgFor(org)] : state.orgs) o.serviceHealth.set(id, status);
    },

    setLicence(upn, licence) {
      const { org, user } = userOf(upn);
      const mailbox = licence.mailbox ?? user.mailbox;
      const drive = licence.drive ?? user.drive;
      const sku = mailbox || drive ? (user.sku ?? SKU.E5) : null;
      org.generated.directory.updateUser(user.id, { mailbox, drive, sku });
      audit(org, 'Change user license', 'UserManagement', userTarget(user));
    },

    setPremium(premium, org) {
      for (const o of org ? [orgFor(org)] : state.orgs) o.premium = premium;
    },

    addServiceIssue(issue, org) {
      const target = orgFor(org);
      const now = new Date(state.clock.now()).toISOString();
      const id = `${issue.service.slice(0, 2).toUpperCase()}${100000 + target.serviceIssues.length + 1}`;
      target.serviceIssues.push({
        id,
        title: issue.title,
        service: issue.service,
        classification: issue.classification ?? 'incident',
        status: issue.status ?? 'serviceDegradation',
        isResolved: false,
        startDateTime: now,
        lastModifiedDateTime: now,
        endDateTime: null,
      });
      return id;
    },

    resolveServiceIssue(id, org) {
      const target = orgFor(org);
      const issue = target.serviceIssues.find((candidate) => candidate.id === id);
      if (!issue) throw new Error(`No service issue '${id}'.`);
      const now = new Date(state.clock.now()).toISOString();
      Object.assign(issue, { isResolved: true, status: 'serviceRestored', endDateTime: now, lastModifiedDateTime: now });
    },

    setPlanStatus(upn, service, capabilityStatus) {
      const { org, user } = userOf(upn);
      org.generated.directory.updateUser(user.id, { planStatus: { ...user.planStatus, [service]: capabilityStatus } });
    },

    setDomainPasswordPolicy(policy, org) {
      const target = orgFor(org);
      target.domainPasswordPolicy = { ...target.domainPasswordPolicy, ...policy };
    },

    setAuditSearch(settings, org) {
      const targets = org ? [orgFor(org)] : state.orgs;
      for (const o of targets) o.activity.search.configure(settings);
      return { ...(targets[0]?.activity.search.settings ?? { available: true, runMs: 0, failNext: 0 }) };
    },

    injectFault(fault: FaultSpec) {
      state.faults.add(fault);
    },

    clearFaults() {
      state.faults.clear();
    },

    setLatency(latency: LatencySpec) {
      state.latency.set(latency);
    },

    now() {
      return state.clock.now();
    },

    advanceTime(ms) {
      return state.clock.advance(ms);
    },

    setTime(epochMs) {
      return state.clock.set(epochMs);
    },

    requests(): RequestRecord[] {
      return state.log.all();
    },

    clearRequests() {
      state.log.clear();
    },

    reset() {
      hooks.reset();
    },
  };
}

const METHODS = new Set([
  'addUser',
  'updateUser',
  'deleteUser',
  'addGroup',
  'updateGroup',
  'deleteGroup',
  'addGroupMember',
  'removeGroupMember',
  'expireDeltaTokens',
  'capDeltaPages',
  'listDirectory',
  'revokeGrants',
  'resetPassword',
  'expireTokens',
  'endSessions',
  'removeRole',
  'addRole',
  'assignRoleToGroup',
  'makeEligible',
  'activate',
  'deactivate',
  'setServicePlan',
  'setLifetimes',
  'setSigninState',
  'removeConsent',
  'setConditionalAccessBlock',
  'setUserConsent',
  'grantAdminConsent',
  'revokeAdminConsent',
  'setRedirectPlatform',
  'setServiceHealth',
  'setLicence',
  'setPremium',
  'setDomainPasswordPolicy',
  'setPlanStatus',
  'addServiceIssue',
  'resolveServiceIssue',
  'setAuditSearch',
  'injectFault',
  'clearFaults',
  'setLatency',
  'now',
  'advanceTime',
  'setTime',
  'requests',
  'clearRequests',
  'reset',
]);

/**
 * POST /_control/<method> with a JSON array of arguments (or one non-array JSON value as the only argument);
 * GET /_control/requests; GET /_control lists the methods. Answers `{ "result": ... }` or `{ "error": "..." }`.
 */
export async function handleControlHttp(
  control: TenantControl,
  state: TenantState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const cors = corsHeaders(req);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors);
    res.end();
    return;
  }
  const method = url.pathname.replace(/^\/_control\/?/, '').replace(/\/$/, '');
  if (!method && req.method === 'GET') {
    sendJson(
      res,
      200,
      {
        methods: [...METHODS],
        orgs: state.orgs.map((o) => ({ tenantId: o.spec.tenantId, domain: o.spec.domain, displayName: o.spec.displayName })),
      },
      cors,
    );
    return;
  }
  if (!METHODS.has(method)) {
    sendJson(res, 404, { error: `Unknown control method '${method}'.` }, cors);
    return;
  }
  try {
    const text = req.method === 'POST' ? await readBody(req) : '';
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    const args: unknown[] = parsed === undefined ? [] : Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
    const fn = (control as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
    if (!fn) throw new Error(`Unknown control method '${method}'.`);
    const result = fn(...args);
    sendJson(res, 200, { result: result ?? null }, cors);
  } catch (err) {
    sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) }, cors);
  }
}
