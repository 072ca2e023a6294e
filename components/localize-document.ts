import { t, type MessageKey } from '@/lib/i18n/t';

/**
 * The page's title and language in the language of its messages. index.html keeps the English ones as fallbacks:
 * HTML cannot be localized, and screen readers pronounce the words by <html lang>.
 */
export function localizeDocument(title: MessageKey): void {
  document.documentElement.lang = t('common_languageTag');
  document.title = t(title);
}
