import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { availableClouds, MICROSOFT_CLOUDS } from '../../../lib/config/clouds';
import { extensionPagesCsp } from '../../../lib/config/content-security-policy';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('extensionPagesCsp', () => {
  const production = directives(extensionPagesCsp(MICROSOFT_CLOUDS));

  it('runs only the packaged scripts: no remote script, no eval, no plugins', () => {
    expect(production.get('script-src')).toEqual(["'self'"]);
    expect(production.get('object-src')).toEqual(["'none'"]);
    expect(production.get('base-uri')).toEqual(["'none'"]);
  });

  it("allows nothing it does not name: default-src 'none', no frames, no styles or images from elsewhere", () => {
    expect(production.get('default-src')).toEqual(["'none'"]);
    expect(production.get('frame-src')).toEqual(["'none'"]);
    expect(production.get('frame-ancestors')).toEqual(["'none'"]);
    expect(production.get('form-action')).toEqual(["'none'"]);
    // Fluent UI's empty <style> elements (filled through the CSSOM), by the hash of the empty string; no inline style.
    expect(production.get('style-src')).toEqual(["'self'", `'sha256-${createHash('sha256').update('').digest('base64')}'`]);
    expect(production.get('img-src')).toEqual(["'self'", 'data:']);
    // Every directive the policy names is one the pages need; nothing else falls back to anything but 'none'.
    expect([...production.keys()].sort()).toEqual([
      'base-uri',
      'connect-src',
      'default-src',
      'form-action',
      'frame-ancestors',
      'frame-src',
      'img-src',
      'object-src',
      'script-src',
      'style-src',
    ]);
    expect([...production.values()].flat()).not.toContain("'unsafe-eval'");
    expect([...production.values()].flat()).not.toContain("'unsafe-inline'");
  });

  it("connects only to each Microsoft cloud's sign-in and Graph origins", () => {
    expect(production.get('connect-src')).toEqual([
      "'self'",
      'https://login.microsoftonline.com',
      'https://graph.microsoft.com',
      'https://login.microsoftonline.us',
      'https://graph.microsoft.us',
      'https://dod-graph.microsoft.us',
      'https://login.chinacloudapi.cn',
      'https://microsoftgraph.chinacloudapi.cn',
    ]);
  });

  it('adds the local tenant only to a build made for it', () => {
    const test = directives(extensionPagesCsp(availableClouds('https://localhost:9443')));
    expect(test.get('connect-src')).toContain('https://localhost:9443');
    expect(production.get('connect-src')?.some((origin) => origin.includes('localhost'))).toBe(false);
  });
});
