// Error bodies as Microsoft sends them, for any test of the local tenant to hold an error answer to.
//
// Graph (microsoft-graph-docs-contrib concepts/errors.md, "Error resource type"; the innerError of real answers as
// quoted throughout api-reference, e.g. api-reference/v1.0/api/educationassignment-publish.md):
//   { "error": { "code": "...", "message": "...", "innerError": { "date": "2021-09-14T19:05:24",
//     "request-id": "<guid>", "client-request-id": "<guid>" } } }
// errors.md also lets `target` and `details` beside code and message, and a nested innerError its own `code`/`message`.
//
// Entra (MicrosoftDocs/entra-docs docs/identity-platform/reference-error-codes.md, "Handling error codes in your
// application", its sample error response and parameter table):
//   { "error": "invalid_scope", "error_description": "AADSTS70011: ...\r\nTrace ID: <guid>\r\nCorrelation ID: <guid>\r\n
//     Timestamp: 2016-01-09 02:02:12Z", "error_codes": [70011], "timestamp": "2016-01-09 02:02:12Z",
//     "trace_id": "<guid>", "correlation_id": "<guid>", "error_uri": "https://login.microsoftonline.com/error?code=70011" }
// plus `suberror` where Entra classifies further (consent_required, bad_token, ...: MSAL's InteractionRequiredAuthError
// reads it; entra-docs is silent on its list). Redirect (authorize) errors: entra-docs
// docs/identity-platform/v2-oauth2-auth-code-flow.md, "Error response": `error` and `error_description` (and the
// request's `state`); `error_uri` and `suberror` are allowed as in the JSON body.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Graph's innerError date: UTC without an offset, seconds precision. */
const GRAPH_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
/** Entra's timestamp: `2016-01-09 02:02:12Z`. */
const ENTRA_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/;
/** OAuth 2.0 error codes are lower-case words joined by underscores (RFC 6749 §5.2, §4.1.2.1). */
const OAUTH_ERROR = /^[a-z]+(_[a-z]+)*$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function keysProblems(object: Record<string, unknown>, where: string, required: string[], optional: string[]): string[] {
  const problems: string[] = [];
  for (const key of required) if (!(key in object)) problems.push(`${where}: '${key}' is missing`);
  for (const key of Object.keys(object))
    if (!required.includes(key) && !optional.includes(key)) problems.push(`${where}: '${key}' is not allowed`);
  return problems;
}

function innerErrorProblems(inner: unknown, where: string, top: boolean): string[] {
  if (!isObject(inner)) return [`${where}: expected an object`];
  const problems = keysProblems(inner, where, top ? ['date', 'request-id', 'client-request-id'] : [], [
    'code',
    'message',
    'innerError',
    ...(top ? [] : ['date', 'request-id', 'client-request-id']),
  ]);
  if ('date' in inner && (typeof inner.date !== 'string' || !GRAPH_DATE.test(inner.date))) {
    problems.push(`${where}.date: expected yyyy-mm-ddThh:mm:ss, got ${JSON.stringify(inner.date)}`);
  }
  if ('request-id' in inner && (typeof inner['request-id'] !== 'string' || !GUID.test(inner['request-id']))) {
    problems.push(`${where}.request-id: expected a GUID, got ${JSON.stringify(inner['request-id'])}`);
  }
  if ('client-request-id' in inner && typeof inner['client-request-id'] !== 'string') {
    problems.push(`${where}.client-request-id: expected a string`);
  }
  for (const key of ['code', 'message'] as const) {
    if (key in inner && typeof inner[key] !== 'string') problems.push(`${where}.${key}: expected a string`);
  }
  if ('innerError' in inner) problems.push(...innerErrorProblems(inner.innerError, `${where}.innerError`, false));
  return problems;
}

/** Problems of a Graph error body; [] when it is shaped as Graph sends it. */
export function graphErrorBodyProblems(body: unknown): string[] {
  if (!isObject(body)) return ['(body): not a JSON object'];
  const problems = keysProblems(body, '(body)', ['error'], []);
  const error = body.error;
  if (!isObject(error)) return [...problems, 'error: expected an object'];
  problems.push(...keysProblems(error, 'error', ['code', 'message', 'innerError'], ['target', 'details']));
  if (typeof error.code !== 'string' || !error.code) problems.push('error.code: expected a non-empty string');
  if (typeof error.message !== 'string') problems.push('error.message: expected a string');
  if ('target' in error && typeof error.target !== 'string') problems.push('error.target: expected a string');
  if ('details' in error && !Array.isArray(error.details)) problems.push('error.details: expected an array');
  if ('innerError' in error) problems.push(...innerErrorProblems(error.innerError, 'error.innerError', true));
  return problems;
}

/** Problems of an Entra token-endpoint (JSON) error body; [] when it is shaped as Entra sends it. */
export function entraErrorBodyProblems(body: unknown): string[] {
  if (!isObject(body)) return ['(body): not a JSON object'];
  const problems = keysProblems(
    body,
    '(body)',
    ['error', 'error_description', 'error_codes', 'timestamp', 'trace_id', 'correlation_id', 'error_uri'],
    ['suberror', 'claims'],
  );
  const { error, error_description: description, error_codes: codes, timestamp, trace_id: trace, correlation_id: correlation } = body;
  if (typeof error !== 'string' || !OAUTH_ERROR.test(error))
    problems.push(`error: expected an OAuth error code, got ${JSON.stringify(error)}`);
  if (!Array.isArray(codes) || !codes.length || !codes.every((c) => Number.isInteger(c) && (c as number) > 0)) {
    problems.push(`error_codes: expected an array of positive integers, got ${JSON.stringify(codes)}`);
  }
  if (typeof timestamp !== 'string' || !ENTRA_TIMESTAMP.test(timestamp))
    problems.push(`timestamp: expected yyyy-mm-dd hh:mm:ssZ, got ${JSON.stringify(timestamp)}`);
  if (typeof trace !== 'string' || !GUID.test(trace)) problems.push('trace_id: expected a GUID');
  if (typeof correlation !== 'string' || !GUID.test(correlation)) problems.push('correlation_id: expected a GUID');
  const code: unknown = Array.isArray(codes) ? (codes as unknown[])[0] : undefined;
  if (typeof description !== 'string' || !description.startsWith(`AADSTS${String(code)}: `)) {
    problems.push(`error_description: expected to begin 'AADSTS${String(code)}: ', got ${JSON.stringify(description)}`);
  } else {
    const trailer = `\r\nTrace ID: ${String(trace)}\r\nCorrelation ID: ${String(correlation)}\r\nTimestamp: ${String(timestamp)}`;
    if (!description.endsWith(trailer)) problems.push(`error_description: expected to end ${JSON.stringify(trailer)}`);
  }
  if (body.error_uri !== `https://login.microsoftonline.com/error?code=${String(code)}`) {
    problems.push(
      `error_uri: expected https://login.microsoftonline.com/error?code=${String(code)}, got ${JSON.stringify(body.error_uri)}`,
    );
  }
  if ('suberror' in body && (typeof body.suberror !== 'string' || !OAUTH_ERROR.test(body.suberror)))
    problems.push('suberror: expected a code');
  if ('claims' in body && typeof body.claims !== 'string') problems.push('claims: expected a string');
  return problems;
}

/** Problems of an authorize error sent back to the redirect URI (its fragment or query parameters). */
export function entraRedirectErrorProblems(params: URLSearchParams): string[] {
  const object = Object.fromEntries(params);
  const problems = keysProblems(object, '(redirect)', ['error', 'error_description'], ['error_uri', 'suberror', 'state']);
  if (!OAUTH_ERROR.test(object.error ?? '')) problems.push(`error: expected an OAuth error code, got ${JSON.stringify(object.error)}`);
  const code = /^AADSTS(\d+): /.exec(object.error_description ?? '')?.[1];
  if (!code) problems.push(`error_description: expected to begin 'AADSTSnnnn: ', got ${JSON.stringify(object.error_description)}`);
  if (object.error_uri !== undefined && object.error_uri !== `https://login.microsoftonline.com/error?code=${String(code)}`) {
    problems.push(`error_uri: expected https://login.microsoftonline.com/error?code=${String(code)}`);
  }
  if (object.suberror !== undefined && !OAUTH_ERROR.test(object.suberror)) problems.push('suberror: expected a code');
  return problems;
}

function assertNone(kind: string, problems: string[], body: unknown): void {
  if (problems.length)
    throw new Error(`${kind} error body does not hold to Microsoft's shape:\n  ${problems.join('\n  ')}\n${JSON.stringify(body)}`);
}

/** Throws (naming every problem) unless the body is a Graph error body as Graph sends it. */
export function assertGraphErrorBody(body: unknown): void {
  assertNone('Graph', graphErrorBodyProblems(body), body);
}

/** Throws (naming every problem) unless the body is an Entra token-endpoint error body as Entra sends it. */
export function assertEntraErrorBody(body: unknown): void {
  assertNone('Entra', entraErrorBodyProblems(body), body);
}

/** Throws unless the redirect's parameters are an Entra authorize error. */
export function assertEntraRedirectError(params: URLSearchParams): void {
  assertNone('Entra redirect', entraRedirectErrorProblems(params), params.toString());
}
