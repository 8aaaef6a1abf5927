import { Anchor, Badge, createTheme, DEFAULT_THEME, type MantineThemeOverride, Modal } from '@mantine/core';
import { readableColors } from './contrast.ts';

const sarabun = "Sarabun, 'Noto Sans Thai', 'Leelawadee UI', Tahoma, sans-serif";

/** Sarabun everywhere (the font of Thai government documents), with a little more line height for Thai. */
export const theme = createTheme({
  fontFamily: sarabun,
  headings: { fontFamily: sarabun, fontWeight: '700' },
  primaryColor: 'indigo',
  // WCAG 2.1 AA: Mantine's text shades darkened to 4.5:1 (filled buttons, links, `c="red"`, dimmed grey,
  // light badges); backgrounds and borders unchanged (contrast.ts).
  colors: readableColors(DEFAULT_THEME.colors),
  defaultRadius: 'sm',
  lineHeights: { xs: '1.5', sm: '1.6', md: '1.6', lg: '1.6', xl: '1.6' },
  components: {
    // Thai has no letter case, and upper-case English badges read as shouting next to it; a badge in
    // a narrow table cell shows its whole text rather than an ellipsis.
    // A link inside a sentence must not be told apart by its colour alone (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    Badge: Badge.extend({
      defaultProps: { tt: 'none' },
      styles: { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } },
    }),
  },
});

/**
 * The theme in the UI language: every dialog's close button (×) is named ("ปิด" / "Close"), so that a
 * screen reader says what it does (WCAG 4.1.2) without each dialog naming it.
 */
export function themeIn(closeLabel: string): MantineThemeOverride {
  return createTheme({
    ...theme,
    components: {
      ...theme.components,
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
    },
  });
}
