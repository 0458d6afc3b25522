import type { ReactNode } from 'react';
import './Panel.css';

/** A bordered surface for a table, a form or an empty state. */
export function Panel({ children, title, description, className, labelledBy }: { readonly children: ReactNode; readonly title?: string; readonly description?: ReactNode; readonly className?: string; readonly labelledBy?: string }) {
  return (
    <section className={['panel', className ?? ''].filter(Boolean).join(' ')} aria-labelledby={labelledBy}>
      {title ? (
        <header className="panel__header">
          <h2 id={labelledBy}>{title}</h2>
          {description ? <p className="panel__description">{description}</p> : null}
        </header>
      ) : null}
      {children}
    </section>
  );
}
