// startTenant: one HTTPS server on loopback carrying Entra ID (per-org oidc-provider), Graph and the control API.

import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { createCertificate } from './cert.ts';
import { createControl, handleControlHttp } from './control.ts';
import { entraErrorBody } from './entra/errors.ts';
import { createOrgProvider, newCookieSecret } from './entra/provider.ts';
import { handleEntra } from './entra/router.ts';
import { OidcStore } from './entra/store.ts';
import { Faults, Latency, type ActiveFault } from './faults.ts';
import { initialRegistration } from './graph/applications.ts';
import { graphFaultResponse } from './graph/batch.ts';
import { graphRequestFrom, handleGraphHttp, sendGraph } from './graph/http.ts';
import { defaultDomainPasswordPolicy } from './graph/domains.ts';
import { defaultServiceHealth } from './graph/workloads.ts';
import { defaultSubscriptions } from './org/licences.ts';
import { corsHeaders, sendJson } from './http-util.ts';
import { Activity } from './org/activity.ts';
import { generateOrg, type OrgSpec } from './org/generator.ts';
import { redactQuery, RequestLog } from './request-log.ts';
import { TenantState, type OrgRuntime } from './state.ts';
import type { RequestRecord, Tenant, TenantOptions } from './types.ts';

export const DEFAULT_CLIENT_ID = '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b';
export const DEFAULT_REDIRECT_URI = 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/';

const DEFAULT_ORGS = [
  { tenantId: '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c', domain: 'contoso.onmicrosoft.com', displayName: 'Contoso' },
  { tenantId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d', domain: 'fabrikam.onmicrosoft.com', displayName: 'Fabrikam' },
];

function orgSpecs(options: TenantOptions): Array<OrgSpec & { premium: boolean; history: boolean }> {
  const list = options.orgs?.length ? options.orgs : [{}];
  return list.map((o, i) => {
    const fallback = DEFAULT_ORGS[i] ?? {
      tenantId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      domain: `org${i + 1}.onmicrosoft.com`,
      displayName: `Org ${i + 1}`,
    };
    const users = o.users ?? 50;
    return {
      tenantId: (o.tenantId ?? fallback.tenantId).toLowerCase(),
      domain: (o.domain ?? fallback.domain).toLowerCase(),
      displayName: o.displayName ?? fallback.displayName,
      seed: o.seed ?? 1,
      users,
      groups: o.groups ?? Math.ceil(users / 10),
      premium: o.premium ?? true,
      history: o.history ?? true,
    };
  });
}

async function signingKeys(): Promise<{ privateJwk: JWK; publicJwk: JWK; verifyKey: CryptoKey }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' },
    publicJwk: { kty: publicJwk.kty, n: publicJwk.n, e: publicJwk.e, kid, alg: 'RS256' },
    verifyKey: publicKey,
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Applies an injected fault; true when the request has been answered (or dropped). */
async function applyFault(fault: ActiveFault, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  switch (fault.kind) {
    case 'slow':
      await sleep(fault.delayMs ?? 5000);
      return false;
    case 'foreign-link':
      return false;
    case 'reset':
      req.socket.destroy();
      return true;
    case 'malformed': {
      const text = `{"@odata.context":"https://${req.headers.host ?? 'localhost'}/v1.0/$metadata#users","value":[{"id":"`;
      res.writeHead(200, { ...corsHeaders(req), 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return true;
    }
    default:
      if (url.pathname.startsWith('/v1.0')) {
        // The request itself goes along, so that the fault's answer echoes its client-request-id as Graph's do.
        sendGraph(req, res, graphFaultResponse(fault.kind, fault.retryAfterSeconds, graphRequestFrom(req, url)));
      } else {
        const status = Number(fault.kind);
        const body = entraErrorBody({
          error: 'temporarily_unavailable',
          code: status === 429 ? 50196 : 90033,
          text: 'A transient error has occurred. Please try again.',
        });
        sendJson(res, status, body, {
          ...corsHeaders(req),
          ...(fault.retryAfterSeconds ? { 'retry-after': String(fault.retryAfterSeconds) } : {}),
        });
      }
      return true;
  }
}

function landingPage(state: TenantState): string {
  return `<!DOCTYPE html><html><head><title>Local Microsoft 365 tenant</title></head><body><h1>Local Microsoft 365 tenant</h1><ul>${state.orgs
    .map((o) => `<li>${o.spec.displayName}: authority ${state.url}/${o.spec.tenantId}</li>`)
    .join('')}</ul><p>Graph: ${state.url}/v1.0 — control API: ${state.url}/_control</p></body></html>`;
}

export async function startTenant(options: TenantOptions = {}): Promise<Tenant> {
  const specs = orgSpecs(options);
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const state = new TenantState(
    clientId,
    options.redirectUris ?? [DEFAULT_REDIRECT_URI],
    {
      access: options.accessTokenLifetimeSeconds ?? 3600,
      refresh: options.refreshTokenLifetimeSeconds ?? 86400,
      session: options.sessionLifetimeSeconds ?? 86400,
    },
    new Faults(),
    new RequestLog(),
    new Latency(),
  );
  const [certificate, keys] = await Promise.all([createCertificate(), Promise.all(specs.map(() => signingKeys()))]);

  // The org runtimes are filled in once the port (part of every issuer) is known.
  const startMs = Date.now();
  const control = createControl(state, {
    reset() {
      for (const org of state.orgs) {
        org.generated = generateOrg(org.spec);
        org.generated.directory.now = () => state.clock.now();
        org.store.clear();
        org.consents.clear();
        org.adminConsent.clear();
        org.userConsents.clear();
        org.serviceHealth = defaultServiceHealth();
        org.subscriptions = defaultSubscriptions();
        org.premium = org.spec.premium;
        org.domainPasswordPolicy = defaultDomainPasswordPolicy();
        org.serviceIssues = [];
        org.activity = new Activity(
          () => org.generated.directory,
          org.spec.seed,
          startMs,
          clientId,
          () => state.clock.now(),
          org.spec.history,
        );
      }
      state.clock.reset();
      const now = state.clock.now();
      state.tokensValidFrom.clear();
      state.accessValidFrom = now;
      state.refreshValidFrom = now;
      state.issuedAccess.clear();
      state.tickets.clear();
      state.conditionalAccess.clear();
      state.adminConsentOnly.clear();
      state.deltaEpoch++;
      state.deltaPageCap = null;
      state.lifetimes = { ...state.defaultLifetimes };
      state.signinState = null;
      state.faults.clear();
      state.latency.clear();
      state.log.clear();
      state.registration = initialRegistration(state.clientId, state.redirectUris);
    },
  });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', state.url || 'https://localhost');
    const isControl = url.pathname === '/_control' || url.pathname.startsWith('/_control/');
    let record: RequestRecord | undefined;
    if (!isControl) {
      record = state.log.add({
        time: Date.now(),
        method: req.method ?? 'GET',
        host: req.headers.host ?? '',
        path: url.pathname,
        query: redactQuery(url.search.slice(1)),
        authorization: req.headers.authorization !== undefined,
        status: 0,
      });
      const logged = record;
      res.on('finish', () => {
        logged.status = res.statusCode;
        const requestId = res.getHeader('request-id');
        if (typeof requestId === 'string') logged.requestId = requestId;
      });
    }
    const started = performance.now();
    try {
      if (isControl) {
        await handleControlHttp(control, state, req, res, url);
        return;
      }
      // CORS preflights are answered by the front door, as at Microsoft: latency and faults hit the real requests only.
      const waitMs = req.method === 'OPTIONS' ? 0 : state.latency.of(url.pathname);
      if (waitMs) await sleep(waitMs);
      const fault = req.method === 'OPTIONS' ? undefined : state.faults.take(url.pathname);
      if (fault && (await applyFault(fault, req, res, url))) return;
      if (url.pathname === '/v1.0' || url.pathname.startsWith('/v1.0/')) {
        // A foreign-link fault answers normally, with links that lead off the tenant's host.
        const linkHost = fault?.kind === 'foreign-link' ? (fault.host ?? `127.0.0.1:${state.port}`) : undefined;
        return await handleGraphHttp(state, req, res, url, linkHost);
      }
      if (await handleEntra(state, req, res, url)) return;
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(landingPage(state));
        return;
      }
      sendJson(res, 404, { error: { code: 'NotFound', message: `No route for ${url.pathname}.` } }, corsHeaders(req));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'generalException', message: `Emulator error: ${message}` } });
      else res.destroy();
    } finally {
      if (record) record.workMs = Math.round(performance.now() - started);
    }
  };

  const server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    void handle(req, res);
  });
  const sockets = new Set<import('node:stream').Duplex>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server, options.port ?? 0);
  state.port = port;
  state.url = `https://localhost:${port}`;

  state.orgs = specs.map((spec, index): OrgRuntime => {
    const key = keys[index];
    if (!key) throw new Error('missing signing key');
    const store = new OidcStore(() => state.clock.now());
    const issuer = `${state.url}/${spec.tenantId}/v2.0`;
    const org: OrgRuntime = {
      index,
      spec,
      premium: spec.premium,
      generated: generateOrg(spec),
      issuer,
      store,
      publicJwk: key.publicJwk,
      verifyKey: key.verifyKey,
      consents: new Map(),
      adminConsent: new Set(),
      userConsents: new Map(),
      serviceHealth: defaultServiceHealth(),
      subscriptions: defaultSubscriptions(),
      domainPasswordPolicy: defaultDomainPasswordPolicy(),
      serviceIssues: [],
      activity: undefined as unknown as Activity,
      sessionCookie: `emu${index}_session`,
      provider: undefined as unknown as OrgRuntime['provider'],
    };
    org.generated.directory.now = () => state.clock.now();
    org.activity = new Activity(
      () => org.generated.directory,
      spec.seed,
      startMs,
      clientId,
      () => state.clock.now(),
      spec.history,
    );
    org.provider = createOrgProvider({
      state,
      index,
      tenantId: spec.tenantId,
      issuer,
      directory: () => org.generated.directory,
      consents: () => org.consents,
      adminConsent: () => org.adminConsent,
      store,
      privateJwk: key.privateJwk,
      cookieSecret: newCookieSecret(),
    });
    return org;
  });

  return {
    url: state.url,
    port,
    authorityHost: state.url,
    graphBaseUrl: state.url,
    clientId,
    orgs: state.orgs.map((org) => ({
      tenantId: org.spec.tenantId,
      domain: org.spec.domain,
      displayName: org.spec.displayName,
      admin: org.generated.admin,
      user: org.generated.user,
      sharedMailbox: org.generated.sharedMailbox,
      // The administrator, Megan and the shared mailbox beside the generated users.
      userCount: org.spec.users + 3,
      groupCount: org.spec.groups,
    })),
    ca: certificate.cert,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
