// Light or dark: the operator's choice (saved in this browser) or else the system's
// `prefers-color-scheme`. The html element carries it as data-theme; app/globals.css reads it.
export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "keyport-theme";

/**
 * Runs in <head> before the first paint, so a dark page never flashes white: the saved choice,
 * else the system's; while nothing is saved it follows the system when that changes.
 */
export const themeBootScript = `(function(){try{var k=${JSON.stringify(THEME_STORAGE_KEY)},d=document.documentElement,m=window.matchMedia("(prefers-color-scheme: dark)");var apply=function(){var s=localStorage.getItem(k);d.dataset.theme=s==="dark"||s==="light"?s:(m.matches?"dark":"light")};apply();m.addEventListener("change",apply)}catch(e){}})();`;
