/**
 * What Microsoft support asks for to find one failed request in its logs, kept with the failure from the moment it
 * happens (on the error, then on the check, sync run or grant run that records it). Data, never words; never a token.
 *
 * Entra (MicrosoftDocs/entra-docs docs/identity-platform/reference-error-codes.md, "Handling error codes in your
 * application": the token endpoint's error body): `error_codes` (the AADSTS number), `timestamp`, `trace_id` ("A
 * unique identifier for the request that can help in diagnostics") and `correlation_id` ("… across components").
 *
 * Graph (microsoft-graph-docs-contrib concepts/best-practices-concept.md, "Reliability and support": "Always log the
 * `request-id`, `timestamp` and `x-ms-ags-diagnostic` from the HTTP response headers. These, together with the
 * `client-request-id`, are required when reporting issues … to Microsoft Customer Support"; concepts/errors.md: the
 * error body's `innerError` repeats `request-id`, `client-request-id` and `date`).
 */
export interface FailureIds {
  /** Entra's STS number, without the `AADSTS` prefix (`error_codes[0]`). */
  aadsts?: string;
  /** Entra's `trace_id`. */
  traceId?: string;
  /** Entra's `correlation_id` (the `client-request-id` msal sent). */
  correlationId?: string;
  /** Graph's `request-id` response header (or the error body's `innerError`). */
  requestId?: string;
  /** Graph's `client-request-id` response header (or the error body's `innerError`). */
  clientRequestId?: string;
  /** Graph's `x-ms-ags-diagnostic` response header: the data centre and server that answered. */
  diagnostic?: string;
  /** When Microsoft says it happened: Entra's `timestamp`, Graph's `Date` header or `innerError.date`, as given. */
  timestamp?: string;
}

const FIELDS = ['aadsts', 'traceId', 'correlationId', 'requestId', 'clientRequestId', 'diagnostic', 'timestamp'] as const;

/** Longest value kept: Microsoft's ids are GUIDs; `x-ms-ags-diagnostic` is a short JSON. */
const MAX_LENGTH = 400;

/** Only the known fields, each a non-empty string of a sane length; undefined when none is left. */
export function cleanFailureIds(value: unknown): FailureIds | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const source = value as Record<string, unknown>;
  const ids: FailureIds = {};
  for (const field of FIELDS) {
    const item = source[field];
    if (typeof item === 'string' && item.trim() !== '' && item.length <= MAX_LENGTH) ids[field] = item.trim();
    else if (field === 'aadsts' && typeof item === 'number' && Number.isInteger(item)) ids[field] = String(item);
  }
  return Object.keys(ids).length ? ids : undefined;
}

/** The ids Graph sent with an answer: its headers first, then the error body's `innerError`. */
export function graphFailureIds(headers: Pick<Headers, 'get'> | undefined, body: string | undefined): FailureIds | undefined {
  let inner: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(body ?? '') as { error?: { innerError?: unknown; innererror?: unknown } };
    const found = parsed.error?.innerError ?? parsed.error?.innererror;
    if (typeof found === 'object' && found !== null) inner = found as Record<string, unknown>;
  } catch {
    // No JSON body: the headers are all there is.
  }
  return cleanFailureIds({
    requestId: headers?.get('request-id') ?? inner['request-id'],
    clientRequestId: headers?.get('client-request-id') ?? inner['client-request-id'],
    diagnostic: headers?.get('x-ms-ags-diagnostic') ?? undefined,
    timestamp: inner.date ?? headers?.get('date') ?? undefined,
  });
}
