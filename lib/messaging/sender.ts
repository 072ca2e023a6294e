/** The fields of runtime.MessageSender that tell who sent a message. */
export interface MessageSenderInfo {
  id?: string;
  url?: string;
}

/** This extension as the browser names it: its id and its base URL (`runtime.getURL('/')`, ending in `/`). */
export interface OwnExtension {
  id: string;
  baseUrl: string;
}

/**
 * True only for this extension's own contexts: its pages (popup, console), its offscreen document and its worker,
 * i.e. the same extension id and a URL under the extension's own base URL. A content script (there is none today,
 * but one would run inside web pages) carries the page's URL and fails. Other extensions and web pages cannot reach
 * runtime.onMessage at all (they would arrive on onMessageExternal, which nothing listens to, and the manifest has
 * no `externally_connectable`); this check holds the line if either ever changes.
 */
export function isOwnExtensionSender(sender: MessageSenderInfo | undefined, self: OwnExtension): boolean {
  if (!sender?.url || sender.id !== self.id || !self.baseUrl.endsWith('/')) return false;
  return sender.url.startsWith(self.baseUrl);
}
