/**
 * The browsers' rule for filling a message (chrome.i18n and Firefox alike, checked in Debian Chromium): `$1`…`$9`
 * take the substitutions in order, a missing one reads as nothing, and `$$` is a literal `$`. Unit tests and the
 * fallback outside extension pages use it so that they read a message exactly as the browser would. Pure.
 */
export function substitute(message: string, substitutions: readonly string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, mark: string) => (mark === '$' ? '$' : (substitutions[Number(mark) - 1] ?? '')));
}
