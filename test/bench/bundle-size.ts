import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageScripts {
  page: string;
  /** Every JavaScript file the page loads at start: its scripts and their static imports, transitively. */
  files: string[];
  gzipBytes: number;
  /** Loaded on demand (dynamic import), not counted in gzipBytes. */
  lazyFiles: string[];
}

const HTML_SCRIPT = /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g;
// Minified static imports: `import"./x.js"`, `from"./x.js"`; dynamic ones: `import("./x.js")`.
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*"(\.{1,2}\/[^"]+\.js)"/g;
const DYNAMIC_IMPORT = /\bimport\(\s*"(\.{1,2}\/[^"]+\.js)"\s*\)/g;

function resolveFrom(extensionDir: string, fromFile: string, ref: string): string {
  const absolute = ref.startsWith('/') ? path.join(extensionDir, ref) : path.resolve(path.dirname(path.join(extensionDir, fromFile)), ref);
  return path.relative(extensionDir, absolute);
}

/** The JavaScript an extension page loads, gzipped file by file (what a store download and a cold cache cost). */
export function pageScripts(extensionDir: string, page: string): PageScripts {
  const html = readFileSync(path.join(extensionDir, page), 'utf8');
  const queue = [...html.matchAll(HTML_SCRIPT)].map((m) => resolveFrom(extensionDir, page, m[1]!));
  const files = new Set<string>();
  const lazy = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (files.has(file)) continue;
    files.add(file);
    const code = readFileSync(path.join(extensionDir, file), 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) queue.push(resolveFrom(extensionDir, file, m[1]!));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) lazy.add(resolveFrom(extensionDir, file, m[1]!));
  }
  const gzipBytes = [...files].reduce((sum, file) => sum + gzipSync(readFileSync(path.join(extensionDir, file))).length, 0);
  return { page, files: [...files].sort(), gzipBytes, lazyFiles: [...lazy].filter((f) => !files.has(f)).sort() };
}

/** The files that hold msal-browser: its library name and SKU strings survive minification (prose mentions do not match). */
export function msalFiles(extensionDir: string, files: readonly string[]): string[] {
  return files.filter((file) => /"@azure\/msal-browser"|"msal\.js\.browser"/.test(readFileSync(path.join(extensionDir, file), 'utf8')));
}
