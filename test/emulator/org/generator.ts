// Deterministic organisation generator: the same (seed, users, groups, tenantId) always gives the same directory.
// Objects are kept compact and memberships are Sets so that 100k users + 10k groups build in about a second.

import type { Account } from '../types.ts';
import { DEFAULT_PASSWORD, Directory, GLOBAL_ADMIN, SKU, type GroupRecord, type UserRecord } from './directory.ts';
import { departments, givenNames, groupWords, offices, surnames } from './names.ts';
import { createRandom, guid, intBetween, pick, seedOf, type Random } from './random.ts';

export interface OrgSpec {
  tenantId: string;
  domain: string;
  displayName: string;
  seed: number;
  users: number;
  groups: number;
}

export interface GeneratedOrg {
  directory: Directory;
  admin: Account;
  user: Account;
  /** A shared mailbox: a mailbox and a mail address, no licence (see sharedMailbox()). */
  sharedMailbox: Account;
}

// A fixed epoch keeps createdDateTime independent of the machine's clock.
const EPOCH = Date.UTC(2019, 0, 1);
const DAY = 86_400_000;

function baseUser(random: Random, id: string, given: string, surname: string, upn: string): UserRecord {
  const dept = pick(random, departments);
  const office = Math.floor(random() * offices.length);
  const roll = random();
  const sku = roll < 0.65 ? SKU.E5 : roll < 0.9 ? SKU.E3 : null;
  const nickname = upn.slice(0, upn.indexOf('@'));
  return {
    id,
    displayName: `${given} ${surname}`,
    givenName: given,
    surname,
    userPrincipalName: upn,
    mailNickname: nickname,
    mail: sku ? upn : null,
    jobTitle: pick(random, dept.titles),
    department: dept.name,
    officeLocation: offices[office]?.office ?? null,
    office,
    accountEnabled: random() > 0.02,
    createdDateTime: new Date(EPOCH + Math.floor(random() * 5 * 365) * DAY + intBetween(random, 0, DAY - 1))
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    sku,
    mailbox: sku !== null,
    drive: sku !== null,
    mobilePhone: random() < 0.4 ? `+1 425 555 ${String(intBetween(random, 0, 9999)).padStart(4, '0')}` : null,
    businessPhones: random() < 0.7 ? [`+1 425 555 ${String(intBetween(random, 0, 9999)).padStart(4, '0')}`] : [],
    usageLocation: offices[office]?.country ?? null,
  };
}

function fixedUser(random: Random, id: string, given: string, surname: string, upn: string, title: string): UserRecord {
  const user = baseUser(random, id, given, surname, upn);
  return {
    ...user,
    displayName: surname ? `${given} ${surname}` : given,
    mail: upn,
    jobTitle: title,
    accountEnabled: true,
    sku: SKU.E5,
    mailbox: true,
    drive: true,
  };
}

/**
 * A shared mailbox as Exchange Online leaves it in Entra ID: a user object with a mailbox and a mail address but no
 * licence ("Shared mailboxes don't require a license", learn.microsoft.com/microsoft-365/admin/email/about-shared-mailboxes)
 * and sign-in blocked. It has its own random stream, so the rest of the generated org is the same with or without it.
 */
function sharedMailbox(spec: OrgSpec): UserRecord {
  const random = createRandom(seedOf(spec.seed, 'shared-mailbox', spec.tenantId));
  const upn = `info@${spec.domain}`;
  return {
    id: guid(random),
    displayName: 'Info',
    givenName: null,
    surname: null,
    userPrincipalName: upn,
    mailNickname: 'info',
    mail: upn,
    jobTitle: null,
    department: null,
    officeLocation: null,
    office: 0,
    accountEnabled: false,
    createdDateTime: new Date(EPOCH).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sku: null,
    mailbox: true,
    drive: false,
    mobilePhone: null,
    businessPhones: [],
    usageLocation: null,
  };
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}

export function generateOrg(spec: OrgSpec): GeneratedOrg {
  const random = createRandom(seedOf(spec.seed, spec.users, spec.groups, spec.tenantId));
  const directory = new Directory(spec.tenantId, spec.domain);
  const domain = spec.domain;

  const admin = fixedUser(random, guid(random), 'MOD', 'Administrator', `admin@${domain}`, 'IT Administrator');
  admin.department = 'IT';
  const megan = fixedUser(random, guid(random), 'Megan', 'Bowen', `megan@${domain}`, 'Marketing Manager');
  megan.department = 'Marketing';
  directory.loadUser(admin);
  directory.loadUser(megan);
  directory.setRole(admin.id, GLOBAL_ADMIN, true);

  const taken = new Map<string, number>([
    ['admin', 1],
    ['megan', 1],
  ]);
  const ids: string[] = [admin.id, megan.id];
  for (let i = 0; i < spec.users; i++) {
    const given = pick(random, givenNames);
    const surname = pick(random, surnames);
    const base = `${given}.${surname}`.toLowerCase();
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    const upn = `${n === 1 ? base : `${base}${n}`}@${domain}`;
    const user = baseUser(random, guid(random), given, surname, upn);
    directory.loadUser(user);
    ids.push(user.id);
  }

  for (let g = 0; g < spec.groups; g++) {
    const dept = pick(random, departments).name;
    const word = pick(random, groupWords);
    const displayName = `${dept} ${word} ${g + 1}`;
    const nickname = slug(`${dept}${word}${g + 1}`);
    const kind = random();
    const unified = kind < 0.5;
    const mailSecurity = kind >= 0.9;
    // Mostly small groups with a long tail up to a few hundred members.
    const wanted = Math.min(ids.length, 3 + Math.floor(297 * Math.pow(random(), 4)));
    const members = new Set<string>();
    if (wanted * 2 >= ids.length) {
      for (const id of ids) if (random() < wanted / ids.length) members.add(id);
    } else {
      while (members.size < wanted) members.add(ids[Math.floor(random() * ids.length)] ?? admin.id);
    }
    if (g < 2) members.add(megan.id);
    const group: GroupRecord = {
      id: guid(random),
      displayName,
      mailNickname: nickname,
      mail: unified || mailSecurity ? `${nickname}@${domain}` : null,
      description: `${displayName} (${unified ? 'Microsoft 365 group' : 'security group'})`,
      securityEnabled: !unified,
      mailEnabled: unified || mailSecurity,
      groupTypes: unified ? ['Unified'] : [],
      visibility: unified ? (random() < 0.8 ? 'Private' : 'Public') : null,
      createdDateTime: new Date(EPOCH + Math.floor(random() * 5 * 365) * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      members,
    };
    directory.loadGroup(group);
  }

  const shared = sharedMailbox(spec);
  directory.loadUser(shared);

  const account = (u: UserRecord): Account => ({
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    password: DEFAULT_PASSWORD,
    displayName: u.displayName,
  });
  return { directory, admin: account(admin), user: account(megan), sharedMailbox: account(shared) };
}
