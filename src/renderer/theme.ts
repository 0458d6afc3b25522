import type { ThemeChoice } from '../shared/domain';

/**
 * The colour theme: the vault's choice (light, dark) or the system's (prefers-color-scheme), set as
 * :root[data-theme] for the stylesheets. While the choice is "system", a change of the system setting applies
 * at once. Before unlock, and after lock, the system's is used: the choice is a vault setting.
 */
const query = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
let choice: ThemeChoice = 'system';

function paint(): void {
  const dark = choice === 'dark' || (choice === 'system' && query?.matches === true);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

query?.addEventListener('change', () => {
  if (choice === 'system') paint();
});

export function applyTheme(next: ThemeChoice): void {
  choice = next;
  paint();
}
