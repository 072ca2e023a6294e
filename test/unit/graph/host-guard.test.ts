import { describe, expect, it } from 'vitest';
import { assertGraphUrl, isAllowedGraphUrl } from '../../../lib/graph/host-guard';

describe('isAllowedGraphUrl', () => {
  it.each([
    ['https://graph.microsoft.com/v1.0/users/delta?$skiptoken=x', 'https://graph.microsoft.com', true],
    ['https://graph.microsoft.com:443/v1.0/me', 'https://graph.microsoft.com', true],
    ['https://localhost:9443/v1.0/me', 'https://localhost:9443', true],
    ['https://localhost:9444/v1.0/me', 'https://localhost:9443', false],
    ['https://127.0.0.1:9443/v1.0/me', 'https://localhost:9443', false],
    ['http://graph.microsoft.com/v1.0/me', 'https://graph.microsoft.com', false],
    ['https://graph.microsoft.us/v1.0/me', 'https://graph.microsoft.com', false],
    ['https://graph.microsoft.com.evil.example/v1.0/me', 'https://graph.microsoft.com', false],
    ['https://evil.example/?next=https://graph.microsoft.com/v1.0/me', 'https://graph.microsoft.com', false],
    ['not a url', 'https://graph.microsoft.com', false],
  ])('%s on %s → %s', (url, host, expected) => {
    expect(isAllowedGraphUrl(url, host)).toBe(expected);
  });

  it('refuses a foreign host with words that name it', () => {
    expect(() => assertGraphUrl('https://evil.example/v1.0/users', 'https://graph.microsoft.com')).toThrow(/evil\.example/);
  });
});
