import type { ReactNode } from 'react';
import { Icon } from '../components/Icon';
import { useT } from '../i18n/I18nProvider';
import './LockedLayout.css';

/** The frame around the unlock and create screens: the mark, a card, and a quiet line underneath. */
export function LockedLayout({ title, subtitle, children, footer }: { readonly title: string; readonly subtitle: ReactNode; readonly children: ReactNode; readonly footer?: ReactNode }) {
  const t = useT();
  return (
    <div className="locked">
      <main className="locked__main" aria-labelledby="locked-title">
        <div className="locked__brand">
          <span className="locked__mark">
            <Icon name="logo" />
          </span>
          <span className="locked__wordmark">Fieldvault</span>
        </div>
        <section className="locked__card">
          <header className="locked__header">
            <h1 id="locked-title">{title}</h1>
            <p className="locked__subtitle">{subtitle}</p>
          </header>
          {children}
        </section>
        {footer ? <div className="locked__footer">{footer}</div> : null}
      </main>
      {/* A footer landmark (contentinfo), so screen-reader users reaching content by landmark meet the note too. */}
      <footer className="locked__note">
        <Icon name="lock" />
        {t('locked.note')}
      </footer>
    </div>
  );
}
