/**
 * What must never be in a support report: a token (a JWT: access or id token; a long opaque string: a refresh token or
 * an authorization code), a mail address or UPN, a person's name. Returns what was found, as labels (never the
 * secret itself, so that a failing test does not print it).
 */
export function leaksIn(text: string, people: { names?: readonly string[]; tokens?: readonly string[] } = {}): string[] {
  const found: string[] = [];
  if (/eyJ[\w-]+\.[\w-]+\.[\w-]*/.test(text)) found.push('a JWT');
  // Refresh tokens and codes are long base64url runs; Microsoft's ids are GUIDs (36 characters, hyphenated).
  if (/[\w-]{40,}/.test(text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '')))
    found.push('a long opaque token');
  if (/[\w.+-]+@[\w-]+(\.[\w-]+)+/.test(text)) found.push('a mail address or UPN');
  for (const token of people.tokens ?? []) if (token && text.includes(token)) found.push(`a recorded token (${token.length} characters)`);
  const lower = text.toLowerCase();
  for (const name of people.names ?? []) if (name && lower.includes(name.toLowerCase())) found.push(`the name ${JSON.stringify(name)}`);
  return found;
}
