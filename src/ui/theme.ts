import { Badge, createTheme } from '@mantine/core';

const sarabun = "Sarabun, 'Noto Sans Thai', 'Leelawadee UI', Tahoma, sans-serif";

/** Sarabun everywhere (the font of Thai government documents), with a little more line height for Thai. */
export const theme = createTheme({
  fontFamily: sarabun,
  headings: { fontFamily: sarabun, fontWeight: '700' },
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  lineHeights: { xs: '1.5', sm: '1.6', md: '1.6', lg: '1.6', xl: '1.6' },
  components: {
    // Thai has no letter case, and upper-case English badges read as shouting next to it; a badge in
    // a narrow table cell shows its whole text rather than an ellipsis.
    Badge: Badge.extend({
      defaultProps: { tt: 'none' },
      styles: { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } },
    }),
  },
});
