import { readFileSync } from 'node:fs';
import path from 'node:path';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';

// The popup's first screen is drawn by a static stylesheet that carries Fluent's token names: it must say what
// Fluent's themes say, in light and in dark, or the rows would not match the Fluent parts under them.
const css = readFileSync(path.resolve(import.meta.dirname, '../../../entrypoints/popup/popup.css'), 'utf8');
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const declarations = (text: string) => new Map([...text.matchAll(/--(\w+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
const light = declarations(css.slice(0, darkStart));
const dark = declarations(css.slice(darkStart, css.indexOf('}\n}', darkStart)));

describe("the popup's stylesheet", () => {
  it('has a light and a dark set of tokens, following the system', () => {
    expect(darkStart).toBeGreaterThan(0);
    expect(light.size).toBeGreaterThan(20);
    expect(dark.size).toBeGreaterThan(20);
  });

  it.each([
    ['light', light, webLightTheme],
    ['dark', dark, webDarkTheme],
  ] as const)("gives each token Fluent's %s value", (_, tokens, theme) => {
    for (const [name, value] of tokens) expect([name, value]).toEqual([name, theme[name as keyof typeof theme]]);
  });

  it('defines, in dark as in light, every colour it uses', () => {
    const used = new Set([...css.matchAll(/var\(--(\w+)\)/g)].map((m) => m[1]!));
    for (const name of used) {
      expect(light.has(name), name).toBe(true);
      if (name.startsWith('color')) expect(dark.has(name), name).toBe(true);
    }
  });
});
