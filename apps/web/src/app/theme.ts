import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// Shade 6 is what filled buttons, links and error text use: each is dark enough for WCAG AA
// (4.5:1) against white, which Mantine's own red, blue and gray shade 6 are not.
const arbor: MantineColorsTuple = [
  '#e9f6ee',
  '#d3ecdc',
  '#a6d8b9',
  '#76c394',
  '#4fb176',
  '#37a163',
  '#2a7d4c',
  '#236a40',
  '#1b5e3a',
  '#124026',
];
const red: MantineColorsTuple = [
  '#fff5f5',
  '#ffe3e3',
  '#ffc9c9',
  '#ffa8a8',
  '#ff8787',
  '#e03131',
  '#c02626',
  '#a61e1e',
  '#8c1a1a',
  '#701515',
];
const blue: MantineColorsTuple = [
  '#e7f5ff',
  '#d0ebff',
  '#a5d8ff',
  '#74c0fc',
  '#4dabf7',
  '#1c7ed6',
  '#1864ab',
  '#145591',
  '#104677',
  '#0c375d',
];
const green: MantineColorsTuple = [
  '#ebfbee',
  '#d3f9d8',
  '#b2f2bb',
  '#8ce99a',
  '#69db7c',
  '#40c057',
  '#2b8a3e',
  '#237032',
  '#1b5a28',
  '#14441e',
];

export const theme = createTheme({
  primaryColor: 'arbor',
  primaryShade: 6,
  colors: { arbor, red, blue, green },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  // Every focusable thing shows where the keyboard is.
  focusRing: 'auto',
  components: {
    // 44 px touch targets on phones (Apple's and WCAG 2.5.5's size).
    Button: { defaultProps: { size: 'md' } },
    // Mantine's close "×" has no name of its own: screen readers would announce just "button".
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});

/** Dimmed text and placeholders at AA contrast (Mantine's gray 6 is 3.3:1 on white). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-placeholder': '#6c737a',
    '--mantine-color-error': red[6],
  },
  dark: {},
});
