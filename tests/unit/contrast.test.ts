import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * WCAG AA asks 4.5:1 for body text. The text tokens are checked against every background token they can sit
 * on, in both themes, straight from tokens.css, so an edit of a colour cannot quietly fall below it.
 */
const css = readFileSync(new URL('../../src/renderer/styles/tokens.css', import.meta.url), 'utf8');

function block(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block in tokens.css`);
  const body = css.slice(start, css.indexOf('\n}', start));
  return new Map([...body.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\b/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const light = block(':root');
const dark = new Map([...light, ...block(":root[data-theme='dark']")]);

const TEXT = ['text', 'text-muted', 'text-subtle', 'accent', 'accent-soft-text', 'danger', 'warning', 'success'];
const BACKGROUNDS = ['bg', 'surface', 'surface-sunken', 'surface-hover', 'surface-selected', 'accent-soft', 'danger-soft', 'warning-soft', 'success-soft'];

describe('colour contrast of the design tokens', () => {
  it('computes ratios the way WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [theme, tokens] of [['light', light], ['dark', dark]] as const) {
    it(`keeps every text colour at 4.5:1 or more on every background (${theme})`, () => {
      const failures: string[] = [];
      for (const t of TEXT) {
        for (const b of BACKGROUNDS) {
          const fg = tokens.get(t);
          const bg = tokens.get(b);
          expect(fg, `--${t}`).toBeDefined();
          expect(bg, `--${b}`).toBeDefined();
          const ratio = contrast(fg!, bg!);
          if (ratio < 4.5) failures.push(`--${t} ${fg} on --${b} ${bg}: ${ratio.toFixed(2)}:1`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('keeps the accent button text readable on the accent in both themes', () => {
    for (const tokens of [light, dark]) {
      for (const bg of ['accent', 'accent-hover', 'accent-active']) expect(contrast(tokens.get('accent-text')!, tokens.get(bg)!)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
