import { useRef, type KeyboardEvent } from 'react';
import { Icon } from '../components/Icon';
import { useT } from '../i18n/I18nProvider';
import { SECTIONS, type SectionId } from './sections';
import { SEARCH_SHORTCUT_ARIA } from './shortcuts';

/** The section list. Tab reaches it; Up/Down (and Home/End) move between sections. */
export function Sidebar({ current, onSelect }: { readonly current: SectionId; readonly onSelect: (id: SectionId) => void }) {
  const t = useT();
  const list = useRef<HTMLUListElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const buttons = Array.from(list.current?.querySelectorAll('button') ?? []);
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const next =
      e.key === 'ArrowDown' ? (index + 1) % buttons.length : e.key === 'ArrowUp' ? (index - 1 + buttons.length) % buttons.length : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    buttons[next]?.focus();
  };
  return (
    <nav className="sidebar" aria-label={t('sections.nav')}>
      <ul className="sidebar__list" ref={list} onKeyDown={onKeyDown}>
        {SECTIONS.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="sidebar__item"
              aria-current={s.id === current ? 'page' : undefined}
              aria-keyshortcuts={s.id === 'search' ? SEARCH_SHORTCUT_ARIA : undefined}
              onClick={() => onSelect(s.id)}
            >
              <Icon name={s.icon} />
              <span>{t(s.label)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
