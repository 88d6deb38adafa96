const THEME_KEY = 'workstation.theme';

/** Kept in this browser so the start screen (shown before the engine answers) opens in the trader's theme. */
export function rememberTheme(theme: string): void {
  try {
    window.localStorage.setItem(THEME_KEY, theme);
  } catch {
    // storage disabled: the start screen is dark
  }
}

/** The theme the app last showed here, for the start screen. */
export function rememberedTheme(): 'dark' | 'light' {
  try {
    return window.localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}
