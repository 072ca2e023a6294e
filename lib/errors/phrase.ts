import { type ErrorCode, errorMessageKey } from './codes';
import type { FailureIds } from './failure-ids';
import { formatCount, formatDateTime } from '../i18n/format';
import { type MessageKey, pluralKey, t } from '../i18n/t';

/**
 * Admin text as data, the one way lib/ declares words: a message key (or an error code) and what fills it. lib/
 * returns, stores and sends these, never words; components, the badge title and notifications word them with `say`
 * when they show them, so a record written while the browser spoke German reads in English once it speaks English.
 */
export interface Phrase {
  /** The message, or the forms of a message about a count (the count is the first param; the form is chosen when worded). */
  key: MessageKey | PluralKeys;
  params?: readonly Param[];
}

/** The two forms of a message about a count ("1 user", "2 users"). */
export interface PluralKeys {
  one: MessageKey;
  other: MessageKey;
}

/** An error as data: its code (lib/errors/codes.ts) and what fills its message. Crosses every message boundary. */
export interface CodedError {
  code: ErrorCode;
  params?: readonly Param[];
  /** Microsoft's ids of the failed request (AADSTS, trace, correlation, request ids), for a support report; never worded. */
  ids?: FailureIds;
}

/**
 * What fills a message's `$1`…: a name, id or Microsoft's own value as it is (a string), a count (formatted in the
 * locale when worded), another message, an error (its whole message), an error `brief` (its first sentence: what
 * happened, to stand inside another sentence), a moment (`at`, epoch ms: a date and time in the locale when worded),
 * or a list (joined by commas; a list of errors, by spaces: sentences).
 */
export type Param = string | number | Phrase | CodedError | { brief: CodedError } | { at: number } | readonly Param[];

/** The phrase for `key` filled with `params`. */
export function phrase(key: MessageKey, ...params: Param[]): Phrase {
  return params.length ? { key, params } : { key };
}

/** The phrase about `count` things, in the form the language of the moment needs; `count` is `$1`. */
export function plural(count: number, keys: PluralKeys, ...params: Param[]): Phrase {
  return { key: keys, params: [count, ...params] };
}

/** An error as a param that reads as its first sentence. */
export function brief(error: CodedError): { brief: CodedError } {
  return { brief: error };
}

/** A phrase in the browser's language now. Only the edge (components, badge title, notifications) calls this. */
export function say(words: Phrase): string {
  const params = words.params ?? [];
  const key = typeof words.key === 'string' ? words.key : pluralKey(typeof params[0] === 'number' ? params[0] : 0, words.key);
  return t(key, ...params.map(sayParam));
}

/** An error's message in the browser's language now; a message whose `$1` was not given reads "no detail". */
export function sayError(error: CodedError): string {
  const params = error.params?.length ? error.params.map(sayParam) : [t('error_detailNotGiven')];
  return t(errorMessageKey(error.code), ...params);
}

/** One filling value in the browser's language now. */
export function sayParam(param: Param): string {
  if (typeof param === 'string') return param;
  if (typeof param === 'number') return formatCount(param);
  if (isList(param)) return param.map(sayParam).join(param.length && param.every(isError) ? ' ' : ', ');
  if ('key' in param) return say(param);
  if ('brief' in param) return firstSentence(sayError(param.brief));
  if ('at' in param) return formatDateTime(param.at);
  return sayError(param);
}

function isList(param: Param): param is readonly Param[] {
  return Array.isArray(param);
}

function isError(param: Param): param is CodedError {
  return typeof param === 'object' && !isList(param) && 'code' in param;
}

/** "Graph refused. Sign in again." → "Graph refused": what happened, to sit inside another sentence. */
function firstSentence(text: string): string {
  return text.split(/(?<=[.!?])\s/)[0]?.replace(/[.!?]$/, '') ?? text;
}
