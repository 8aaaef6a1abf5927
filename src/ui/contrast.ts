/**
 * WCAG 2.1 contrast for the UI's colours (1.4.3: at least 4.5:1 for text), and Mantine's palettes
 * darkened where their text shades fall short: Mantine's default shade 6 (filled buttons, `c="red"`,
 * links, dimmed grey) and its light variant (shade 9 on shade 1) are below 4.5:1 for most colours.
 */

/** A #rrggbb colour as 0–255 channels. */
function channels(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [Number.parseInt(m[1]!, 16), Number.parseInt(m[2]!, 16), Number.parseInt(m[3]!, 16)];
}

const hexOf = (rgb: readonly number[]) =>
  `#${rgb
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

/** WCAG relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour mixed towards black, in small steps, until it reaches `ratio` against every background. */
export function darkenTo(color: string, backgrounds: readonly string[], ratio: number): string {
  const rgb = channels(color);
  for (let step = 0; step <= 100; step++) {
    const candidate = hexOf(rgb.map((c) => c * (1 - step / 100)));
    if (backgrounds.every((bg) => contrastRatio(candidate, bg) >= ratio)) return candidate;
  }
  return '#000000';
}

/** What text sits on in this UI: white, the striped rows' grey and the light variants' tint. */
const WHITE = '#ffffff';
const STRIPE = '#f8f9fa';
/** A little above 4.5:1, so that rounding in a browser never drops below it. */
export const TEXT_CONTRAST = 4.6;

type Palette = readonly string[];

/**
 * A palette whose text shades read as text: shades 6–8 (filled backgrounds under white text, text
 * colours, links, the dimmed grey) reach 4.6:1 on white and on the striped grey, and shade 9 (the light
 * variant's text) reaches it on the palette's own shades 0 and 1 (the light variant's background).
 * Shades 0–5 (backgrounds, borders) are kept; each shade stays at least as dark as the one before.
 */
export function readablePalette<P extends Palette>(palette: P): P {
  const out = [...palette];
  const backgrounds = [WHITE, STRIPE];
  for (let shade = 6; shade <= 9; shade++) {
    const on = shade === 9 ? [...backgrounds, palette[0]!, palette[1]!] : backgrounds;
    let color = darkenTo(palette[shade]!, on, TEXT_CONTRAST);
    const before = out[shade - 1]!;
    if (shade > 6 && luminance(color) > luminance(before)) color = darkenTo(before, on, TEXT_CONTRAST);
    out[shade] = color;
  }
  return out as unknown as P;
}

/** readablePalette() of every palette but `dark` (the dark scheme's greys, unused in the light UI). */
export function readableColors<T extends Record<string, Palette>>(colors: T): T {
  return Object.fromEntries(
    Object.entries(colors).map(([name, palette]) => [
      name,
      name === 'dark' ? [...palette] : readablePalette(palette),
    ]),
  ) as T;
}
