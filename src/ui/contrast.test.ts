import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, darkenTo, TEXT_CONTRAST } from './contrast.ts';
import { theme } from './theme.ts';

describe('contrast', () => {
  it('measures the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // Mantine's default dimmed grey on white: below 4.5:1.
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
  });

  it('darkens a colour only as far as needed', () => {
    const darker = darkenTo('#868e96', ['#ffffff'], 4.6);
    expect(contrastRatio(darker, '#ffffff')).toBeGreaterThanOrEqual(4.6);
    expect(contrastRatio(darker, '#ffffff')).toBeLessThan(5);
    expect(darkenTo('#000000', ['#ffffff'], 4.6)).toBe('#000000');
  });

  it("finds Mantine's defaults short, and the UI's palettes readable", () => {
    const defaults = DEFAULT_THEME.colors;
    expect(contrastRatio(defaults.indigo[6], '#ffffff')).toBeLessThan(4.5);
    expect(contrastRatio(defaults.green[9], defaults.green[1])).toBeLessThan(4.5);
    const colors = theme.colors as unknown as Record<string, string[]>;
    for (const [name, palette] of Object.entries(colors)) {
      if (name === 'dark') continue;
      for (const shade of [6, 7, 8]) {
        expect(contrastRatio(palette[shade]!, '#ffffff'), `${name}.${shade} on white`).toBeGreaterThanOrEqual(
          TEXT_CONTRAST,
        );
        expect(contrastRatio(palette[shade]!, '#f8f9fa'), `${name}.${shade} on grey`).toBeGreaterThanOrEqual(
          TEXT_CONTRAST,
        );
      }
      expect(contrastRatio(palette[9]!, palette[1]!), `${name}.9 on ${name}.1`).toBeGreaterThanOrEqual(
        TEXT_CONTRAST,
      );
      // Backgrounds and borders are Mantine's own.
      expect(palette.slice(0, 6)).toEqual(defaults[name as keyof typeof defaults]!.slice(0, 6));
    }
  });
});
