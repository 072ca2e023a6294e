// The HTML an end user sees: sign-in, consent and error pages. Plain markup with labelled controls so that tests
// (and axe) can drive them; ids are part of the contract: #username, #password, #signin, #accept, #cancel.

import { randomUUID } from 'node:crypto';
import { APP_NAME, entraDescription, entraTimestamp, fill, type EntraError } from './errors.ts';
import { describeScope } from './scopes.ts';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; background: #f2f2f2; margin: 0; }
  main { background: #fff; max-width: 440px; margin: 48px auto; padding: 44px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  h1 { font-size: 24px; font-weight: 600; margin: 0 0 16px; }
  label { display: block; margin: 12px 0 4px; }
  input[type=email], input[type=password], input[type=text] { width: 100%; box-sizing: border-box; padding: 6px; font-size: 15px; }
  button { margin-top: 20px; padding: 6px 20px; font-size: 15px; }
  .primary { background: #0067b8; color: #fff; border: 0; }
  [role=alert] { color: #a80000; margin: 12px 0; }
  .details { color: #555; font-size: 12px; word-break: break-all; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

export interface SignInPageInput {
  action: string;
  orgName: string;
  loginHint?: string;
  error?: { message: string; code?: number };
}

export function renderSignInPage(input: SignInPageInput): string {
  const error = input.error
    ? `<div id="error" role="alert">${escapeHtml(input.error.message)}${
        input.error.code ? `<div class="details">AADSTS${input.error.code}</div>` : ''
      }</div>`
    : '';
  return layout(
    'Sign in to your account',
    `<h1>Sign in</h1>
<p>${escapeHtml(input.orgName)}</p>
${error}
<form method="post" action="${escapeHtml(input.action)}" autocomplete="off">
  <label for="username">Email, phone, or Skype</label>
  <input type="email" id="username" name="username" value="${escapeHtml(input.loginHint ?? '')}" required autofocus>
  <label for="password">Password</label>
  <input type="password" id="password" name="password" required>
  <button type="submit" id="signin" class="primary">Sign in</button>
</form>`,
  );
}

export interface ConsentPageInput {
  action: string;
  account: string;
  scopes: string[];
}

export function renderConsentPage(input: ConsentPageInput): string {
  const items = input.scopes
    .map((s) => `<li data-scope="${escapeHtml(s)}">${escapeHtml(describeScope(s))} <span class="details">(${escapeHtml(s)})</span></li>`)
    .join('\n');
  return layout(
    'Permissions requested',
    `<p>${escapeHtml(input.account)}</p>
<h1>Permissions requested</h1>
<p><strong>${escapeHtml(APP_NAME)}</strong> would like to:</p>
<ul id="scopes">${items}</ul>
<p>Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement.</p>
<form method="post" action="${escapeHtml(input.action)}">
  <button type="submit" id="cancel" name="decision" value="cancel">Cancel</button>
  <button type="submit" id="accept" name="decision" value="accept" class="primary">Accept</button>
</form>`,
  );
}

/** Entra's "Sorry, but we're having trouble signing you in" page; it never redirects. */
export function renderErrorPage(raw: EntraError, correlationId?: string, values: Record<string, string | undefined> = {}): string {
  const e = fill(raw, values);
  const description = entraDescription(e, correlationId || randomUUID(), randomUUID(), entraTimestamp());
  return layout(
    'Sign in to your account',
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<div id="error" role="alert"><p id="error-code">AADSTS${e.code}: ${escapeHtml(e.text)}</p></div>
<p class="details">${escapeHtml(description)}</p>`,
  );
}
