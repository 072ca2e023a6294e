// One org's directory: users, groups, memberships and roles, plus a change log with monotonic sequence numbers so
// that delta queries are exact and cost O(changes), not O(directory).

export const DEFAULT_PASSWORD = 'Passw0rd!';

export const SKU = {
  E5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
  E3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
} as const;

export const ROLES: Record<string, string> = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Security Reader': '5d6b6bb7-de71-4623-b4af-96380a352509',
};
export const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
/** Every member user carries this template id in `wids`. */
export const USER_ROLE_TEMPLATE = 'b79fbf4d-3ef9-4689-8143-76b194e85509';

export interface UserRecord {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string;
  mailNickname: string;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  /** Index into the offices vocabulary, used for sign-in locations. */
  office: number;
  accountEnabled: boolean;
  createdDateTime: string;
  sku: string | null;
  mailbox: boolean;
  drive: boolean;
  mobilePhone: string | null;
  businessPhones: string[];
  usageLocation: string | null;
  /** When the password last changed (ISO); absent: at creation. Set by a password change or reset. */
  lastPasswordChangeDateTime?: string;
  /** Graph's passwordPolicies ("DisablePasswordExpiration", "DisableStrongPassword", comma-separated); absent: null. */
  passwordPolicies?: string | null;
  /** True for an account synchronised from on-premises Active Directory; absent: null (a cloud account). */
  onPremisesSyncEnabled?: boolean | null;
  /** Each assigned plan's capabilityStatus by its service ("exchange", "SharePoint"); absent: Enabled. */
  planStatus?: Partial<Record<string, CapabilityStatus>>;
}

/** assignedPlan's capabilityStatus (microsoft-graph-docs-contrib api-reference/v1.0/resources/assignedplan.md). */
export type CapabilityStatus = 'Enabled' | 'Warning' | 'Suspended' | 'LockedOut' | 'Deleted';

export interface GroupRecord {
  id: string;
  displayName: string;
  mailNickname: string;
  mail: string | null;
  description: string | null;
  securityEnabled: boolean;
  mailEnabled: boolean;
  groupTypes: string[];
  visibility: string | null;
  createdDateTime: string;
  members: Set<string>;
  /** A role-assignable group: it can hold a directory role, which its members then hold through it. */
  isAssignableToRole?: boolean;
}

/** One change: an object changed (or was added/deleted), or one membership changed (`member` set). */
export interface ChangeEntry {
  seq: number;
  id: string;
  member?: string;
  added?: boolean;
}

export type ObjectKind = 'users' | 'groups';

class Table<T extends { id: string }> {
  /** Insertion order; deleted objects leave `null` so positions held by paging tokens stay valid. */
  readonly slots: Array<T | null> = [];
  readonly byId = new Map<string, number>();
  readonly log: ChangeEntry[] = [];
  count = 0;

  add(item: T): void {
    this.byId.set(item.id, this.slots.length);
    this.slots.push(item);
    this.count++;
  }

  get(id: string): T | undefined {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : (this.slots[slot] ?? undefined);
  }

  remove(id: string): T | undefined {
    const slot = this.byId.get(id);
    if (slot === undefined) return undefined;
    const item = this.slots[slot] ?? undefined;
    this.slots[slot] = null;
    this.byId.delete(id);
    this.count--;
    return item;
  }

  /** Index of the first entry with seq > since (the log is sorted by seq). */
  logIndexAfter(since: number): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.log[mid]?.seq ?? 0) <= since) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class Directory {
  readonly users = new Table<UserRecord>();
  readonly groups = new Table<GroupRecord>();
  private readonly byUpn = new Map<string, string>();
  private readonly passwords = new Map<string, string>();
  private memberOfIndex: Map<string, Set<string>> | null = null;
  /** Role template id -> the users and role-assignable groups that hold it (active assignments). */
  readonly roles = new Map<string, Set<string>>();
  /** `${templateId}:${userId}` -> epoch ms when a Privileged Identity Management activation ends. */
  readonly activeUntil = new Map<string, number>();
  /** Role template id -> the users eligible for it in Privileged Identity Management (they activate it to hold it). */
  readonly eligible = new Map<string, Set<string>>();
  /** The latest sequence number handed out. */
  seq = 0;
  /** The tenant's clock (set by the server): whether a PIM activation has lapsed. */
  now: () => number = Date.now;

  constructor(
    readonly tenantId: string,
    readonly domain: string,
  ) {
    for (const templateId of Object.values(ROLES)) this.roles.set(templateId, new Set());
  }

  // --- loading (no change log: the generated state is the baseline) ---

  loadUser(user: UserRecord): void {
    this.users.add(user);
    this.byUpn.set(user.userPrincipalName.toLowerCase(), user.id);
  }

  loadGroup(group: GroupRecord): void {
    this.groups.add(group);
  }

  // --- reads ---

  user(idOrUpn: string): UserRecord | undefined {
    const byId = this.users.get(idOrUpn);
    if (byId) return byId;
    const id = this.byUpn.get(idOrUpn.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  group(id: string): GroupRecord | undefined {
    return this.groups.get(id);
  }

  passwordOf(userId: string): string {
    return this.passwords.get(userId) ?? DEFAULT_PASSWORD;
  }

  /** A new password: its lastPasswordChangeDateTime is now (the tenant's clock). Not a change delta reports. */
  setPassword(userId: string, password: string): void {
    this.passwords.set(userId, password);
    const user = this.users.get(userId);
    if (user) user.lastPasswordChangeDateTime = new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  memberOf(userId: string): Set<string> {
    if (!this.memberOfIndex) {
      const index = new Map<string, Set<string>>();
      for (const group of this.groups.slots) {
        if (!group) continue;
        for (const member of group.members) {
          let set = index.get(member);
          if (!set) index.set(member, (set = new Set()));
          set.add(group.id);
        }
      }
      this.memberOfIndex = index;
    }
    return this.memberOfIndex.get(userId) ?? new Set();
  }

  /** The roles the user holds directly (an expired activation no longer counts). */
  directRolesOf(userId: string, now = this.now()): string[] {
    const out: string[] = [];
    for (const [templateId, holders] of this.roles) {
      const until = this.activeUntil.get(`${templateId}:${userId}`);
      if (holders.has(userId) && (until === undefined || until > now)) out.push(templateId);
    }
    return out;
  }

  /** The role-assignable groups of the user that hold `templateId`. */
  roleGroupsOf(userId: string, templateId: string): string[] {
    const holders = this.roles.get(templateId);
    if (!holders) return [];
    return [...this.memberOf(userId)].filter((groupId) => holders.has(groupId) && this.groups.get(groupId)?.isAssignableToRole);
  }

  /** The roles the user holds now, directly or through a role-assignable group (what `wids` and transitiveMemberOf show). */
  rolesOf(userId: string, now = this.now()): string[] {
    const direct = this.directRolesOf(userId, now);
    const viaGroups = [...this.roles.keys()].filter((templateId) => this.roleGroupsOf(userId, templateId).length > 0);
    return [...new Set([...direct, ...viaGroups])];
  }

  isGlobalAdmin(userId: string): boolean {
    return this.rolesOf(userId).includes(GLOBAL_ADMIN);
  }

  eligibleRolesOf(userId: string): string[] {
    return [...this.eligible].filter(([, users]) => users.has(userId)).map(([templateId]) => templateId);
  }

  // --- changes (each recorded in the log) ---

  private logChange(kind: ObjectKind, id: string, member?: string, added?: boolean): void {
    const entry: ChangeEntry = { seq: ++this.seq, id };
    if (member !== undefined) {
      entry.member = member;
      entry.added = added ?? false;
    }
    this[kind].log.push(entry);
  }

  addUser(user: UserRecord, password?: string): UserRecord {
    if (this.byUpn.has(user.userPrincipalName.toLowerCase())) {
      throw new DirectoryError(`Another object with the same value for property userPrincipalName already exists.`);
    }
    this.loadUser(user);
    if (password) this.passwords.set(user.id, password);
    this.logChange('users', user.id);
    return user;
  }

  updateUser(id: string, patch: Partial<UserRecord>): UserRecord {
    const user = this.users.get(id);
    if (!user) throw new DirectoryError(`Resource '${id}' does not exist.`);
    if (patch.userPrincipalName && patch.userPrincipalName.toLowerCase() !== user.userPrincipalName.toLowerCase()) {
      if (this.byUpn.has(patch.userPrincipalName.toLowerCase())) {
        throw new DirectoryError('Another object with the same value for property userPrincipalName already exists.');
      }
      this.byUpn.delete(user.userPrincipalName.toLowerCase());
      this.byUpn.set(patch.userPrincipalName.toLowerCase(), id);
    }
    Object.assign(user, patch, { id });
    this.logChange('users', id);
    return user;
  }

  deleteUser(id: string): void {
    const user = this.users.remove(id);
    if (!user) throw new DirectoryError(`Resource '${id}' does not exist.`);
    this.byUpn.delete(user.userPrincipalName.toLowerCase());
    for (const groupId of [...this.memberOf(id)]) this.removeMember(groupId, id);
    for (const holders of this.roles.values()) holders.delete(id);
    for (const users of this.eligible.values()) users.delete(id);
    this.logChange('users', id);
  }

  addGroup(group: GroupRecord): GroupRecord {
    this.groups.add(group);
    this.logChange('groups', group.id);
    if (this.memberOfIndex) for (const member of group.members) this.indexMember(member, group.id, true);
    for (const member of group.members) this.logChange('groups', group.id, member, true);
    return group;
  }

  updateGroup(id: string, patch: Partial<GroupRecord>): GroupRecord {
    const group = this.groups.get(id);
    if (!group) throw new DirectoryError(`Resource '${id}' does not exist.`);
    const rest = { ...patch };
    delete rest.members;
    Object.assign(group, rest, { id });
    this.logChange('groups', id);
    return group;
  }

  deleteGroup(id: string): void {
    const group = this.groups.remove(id);
    if (!group) throw new DirectoryError(`Resource '${id}' does not exist.`);
    if (this.memberOfIndex) for (const member of group.members) this.indexMember(member, id, false);
    for (const holders of this.roles.values()) holders.delete(id);
    this.logChange('groups', id);
  }

  addMember(groupId: string, userId: string): void {
    const group = this.groups.get(groupId);
    if (!group) throw new DirectoryError(`Resource '${groupId}' does not exist.`);
    if (!this.users.get(userId)) throw new DirectoryError(`Resource '${userId}' does not exist.`);
    if (group.members.has(userId)) {
      throw new DirectoryError("One or more added object references already exist for the following modified properties: 'members'.");
    }
    group.members.add(userId);
    this.indexMember(userId, groupId, true);
    this.logChange('groups', groupId, userId, true);
  }

  removeMember(groupId: string, userId: string): void {
    const group = this.groups.get(groupId);
    if (!group) throw new DirectoryError(`Resource '${groupId}' does not exist.`);
    if (!group.members.delete(userId)) throw new DirectoryError(`Resource '${userId}' is not a member.`);
    this.indexMember(userId, groupId, false);
    this.logChange('groups', groupId, userId, false);
  }

  private indexMember(userId: string, groupId: string, add: boolean): void {
    if (!this.memberOfIndex) return;
    let set = this.memberOfIndex.get(userId);
    if (!set) this.memberOfIndex.set(userId, (set = new Set()));
    if (add) set.add(groupId);
    else set.delete(groupId);
  }

  /** A user or a role-assignable group starts or stops holding a role (a permanent assignment, no end). */
  setRole(principalId: string, templateId: string, holds: boolean): void {
    const holders = this.roles.get(templateId);
    if (!holders) throw new DirectoryError(`Unknown role '${templateId}'.`);
    this.activeUntil.delete(`${templateId}:${principalId}`);
    if (holds) holders.add(principalId);
    else holders.delete(principalId);
  }

  setEligible(userId: string, templateId: string, eligible: boolean): void {
    if (!this.roles.has(templateId)) throw new DirectoryError(`Unknown role '${templateId}'.`);
    let users = this.eligible.get(templateId);
    if (!users) this.eligible.set(templateId, (users = new Set()));
    if (eligible) users.add(userId);
    else users.delete(userId);
  }

  /** An eligible user activates the role until `until` (epoch ms), as Privileged Identity Management does. */
  activate(userId: string, templateId: string, until: number): void {
    if (!this.eligible.get(templateId)?.has(userId)) throw new DirectoryError('The user is not eligible for this role.');
    this.roles.get(templateId)?.add(userId);
    this.activeUntil.set(`${templateId}:${userId}`, until);
  }

  /** Ends an activation (the eligibility stays); a permanent assignment is not touched. */
  deactivate(userId: string, templateId: string): void {
    const key = `${templateId}:${userId}`;
    if (!this.activeUntil.has(key)) return;
    this.activeUntil.delete(key);
    this.roles.get(templateId)?.delete(userId);
  }
}

export class DirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryError';
  }
}
