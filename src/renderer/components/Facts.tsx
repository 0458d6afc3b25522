import type { ReactNode } from 'react';
import './Facts.css';

/**
 * How the facts are laid out: `rows` puts each label beside its value (a result, a confirmation, Settings);
 * `strip` puts each label over its value and lets the facts wrap side by side (a header over a document).
 */
export type FactsLayout = 'rows' | 'strip';

/** The label column of `rows`: a word ("SHA-256"), a short phrase, or a phrase that must fit in Russian. */
export type FactsLabelWidth = 'narrow' | 'wide' | 'widest';

/** The space between rows: `tight` inside an alert, `regular`, or `loose` for a form's summary. */
export type FactsSpacing = 'tight' | 'regular' | 'loose';

/** A list of labelled facts: the one label-and-value layout every screen uses. */
export function Facts({
  children,
  layout = 'rows',
  labelWidth = 'narrow',
  spacing = 'regular',
  emphasis = false,
  className,
}: {
  readonly children: ReactNode;
  readonly layout?: FactsLayout;
  readonly labelWidth?: FactsLabelWidth;
  readonly spacing?: FactsSpacing;
  /** Values in a heavier weight, where they are what the researcher is confirming. */
  readonly emphasis?: boolean;
  readonly className?: string;
}) {
  const classes = ['facts', `facts--${layout}`, `facts--${labelWidth}`, `facts--${spacing}`, emphasis ? 'facts--emphasis' : '', className ?? ''];
  return <dl className={classes.filter(Boolean).join(' ')}>{children}</dl>;
}

/** One fact. `mono` is for paths and digests, which wrap anywhere and keep the regular weight. */
export function Fact({ label, children, mono = false, title }: { readonly label: ReactNode; readonly children: ReactNode; readonly mono?: boolean; readonly title?: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd className={mono ? 'fact__mono' : undefined} title={title}>
        {children}
      </dd>
    </div>
  );
}
