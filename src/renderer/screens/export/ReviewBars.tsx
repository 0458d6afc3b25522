import type { ReactNode } from 'react';
import type { ExportField } from '../../../shared/domain';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Icon, type IconName } from '../../components/Icon';
import { useT, type Translate } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/catalogs';
import type { FormText } from './redaction';

/**
 * The review's inline bars: the offer to redact every other form of a hand-redacted text, and what became of a
 * "Never redact" (with undo). Non-modal: the review stays usable while one is shown; the keys are named on the
 * buttons and announced.
 */

type Tone = 'offer' | 'done' | 'allow' | 'error';

function Bar({ tone, icon, label, children, actions, onDismiss }: { readonly tone: Tone; readonly icon: IconName; readonly label: string; readonly children: ReactNode; readonly actions?: ReactNode; readonly onDismiss?: () => void }) {
  const t = useT();
  return (
    <section className={`review-bar review-bar--${tone}`} aria-label={label}>
      <span className="review-bar__icon" aria-hidden="true">
        <Icon name={icon} />
      </span>
      <div className="review-bar__body">{children}</div>
      <div className="review-bar__actions">
        {actions}
        {onDismiss ? (
          <button type="button" className="review-bar__close" aria-label={t('bars.close', { label })} title={t('bars.closeTitle')} onClick={onDismiss}>
            <Icon name="close" />
          </button>
        ) : null}
      </div>
    </section>
  );
}

const FIELD_LABEL: Readonly<Record<ExportField, MessageId>> = { title: 'export.fieldIn.title', date: 'export.fieldIn.date', place: 'export.fieldIn.place', text: 'export.fieldIn.text' };

/** The texts of a set of forms as chips: "Рустам ×2", "Рустама (title)". */
export function FormChips({ forms, label }: { readonly forms: readonly FormText[]; readonly label: string }) {
  const t = useT();
  return (
    <ul className="form-chips" aria-label={label}>
      {forms.map((f) => (
        <li key={f.text} className="form-chip">
          <span className="form-chip__text">{f.text}</span>
          {f.count > 1 ? <span className="form-chip__count">×{f.count}</span> : null}
          {f.fields.length ? <span className="form-chip__where">{t('bars.inFields', { fields: f.fields.map((x) => t(FIELD_LABEL[x])).join(', ') })}</span> : null}
          {f.parts?.length ? <span className="form-chip__where">{t('bars.inParts', { parts: f.parts.join(', ') })}</span> : null}
        </li>
      ))}
    </ul>
  );
}


export function FormsOffer({
  selection,
  forms,
  count,
  morphology,
  onRedactAll,
  onDismiss,
}: {
  readonly selection: string;
  readonly forms: readonly FormText[];
  readonly count: number;
  readonly morphology: boolean;
  readonly onRedactAll: () => void;
  readonly onDismiss: () => void;
}) {
  const same = forms.every((f) => f.text.toLocaleLowerCase() === selection.toLocaleLowerCase());
  const t = useT();
  return (
    <Bar
      tone="offer"
      icon="redact"
      label={t('bars.offer.label')}
      actions={
        <>
          <Button variant="primary" onClick={onRedactAll} aria-keyshortcuts="A">
            {t('bars.offer.all', { count })}
            <kbd aria-hidden="true">A</kbd>
          </Button>
          <Button variant="ghost" onClick={onDismiss} aria-keyshortcuts="Escape">
            {t('bars.offer.no')}
            <kbd aria-hidden="true">Esc</kbd>
          </Button>
        </>
      }
    >
      <p className="review-bar__title">
        {t(same ? 'bars.offer.same' : 'bars.offer.forms', { selection, count })}
      </p>
      <div className="review-bar__detail">
        <FormChips forms={forms} label={t('bars.offer.found')} />
        {morphology && !same ? <span className="review-bar__note">{t('bars.offer.morphology')}</span> : null}
      </div>
    </Bar>
  );
}

export function FormsDone({ selection, forms, count, onUndo, onDismiss }: { readonly selection: string; readonly forms: readonly FormText[]; readonly count: number; readonly onUndo: () => void; readonly onDismiss: () => void }) {
  const t = useT();
  return (
    <Bar
      tone="done"
      icon="check"
      label={t('bars.done.label')}
      onDismiss={onDismiss}
      actions={
        <Button variant="secondary" onClick={onUndo}>
          <Icon name="undo" />
          {t('bars.undo')}
        </Button>
      }
    >
      <p className="review-bar__title">{t('bars.done.title', { count, selection })}</p>
      <div className="review-bar__detail">
        <FormChips forms={forms} label={t('bars.done.also')} />
        <span className="review-bar__note">{t('bars.done.note')}</span>
      </div>
    </Bar>
  );
}

/** Texts in the language's quotation marks: “x”, «x». */
const quoted = (t: Translate, xs: readonly string[]) => xs.map((text) => t('bars.quoted', { text })).join(', ');

export type AllowNotice =
  | { readonly state: 'added'; readonly entries: readonly string[]; readonly name: boolean; readonly removed: number }
  | { readonly state: 'undone'; readonly entries: readonly string[] }
  | { readonly state: 'already'; readonly text: string }
  | { readonly state: 'error'; readonly message: string };

export function AllowNoticeBar({ notice, busy, onUndo, onDismiss }: { readonly notice: AllowNotice; readonly busy: boolean; readonly onUndo: () => void; readonly onDismiss: () => void }) {
  const t = useT();
  switch (notice.state) {
    case 'added': {
      const [first, ...more] = notice.entries;
      return (
        <Bar
          tone="allow"
          icon="shield-off"
          label={t('bars.added.label')}
          onDismiss={onDismiss}
          actions={
            <Button variant="secondary" onClick={onUndo} busy={busy}>
              <Icon name="undo" />
              {t('bars.undo')}
            </Button>
          }
        >
          <p className="review-bar__title">
            {more.length ? t('bars.added.titleForms', { first, count: more.length, more: quoted(t, more) }) : t('bars.added.title', { first })}
          </p>
          <p className="review-bar__note">
            {notice.removed > 0 ? `${t('bars.added.gone', { count: notice.removed })} ` : `${t('bars.added.rerun')} `}
            {notice.name ? `${t('bars.added.names')} ` : ''}
            {t('bars.added.where')}
          </p>
        </Bar>
      );
    }
    case 'undone':
      return (
        <Bar tone="done" icon="undo" label={t('bars.undone.label')} onDismiss={onDismiss}>
          <p className="review-bar__title">{t('bars.undone.title', { entries: quoted(t, notice.entries) })}</p>
        </Bar>
      );
    case 'already':
      return (
        <Bar tone="allow" icon="info" label={t('bars.already.label')} onDismiss={onDismiss}>
          <p className="review-bar__title">{t('bars.already.title', { text: notice.text })}</p>
          <p className="review-bar__note">{t('bars.already.note')}</p>
        </Bar>
      );
    case 'error':
      return (
        <Bar tone="error" icon="error" label={t('bars.error.label')} onDismiss={onDismiss}>
          <p className="review-bar__title">{t('bars.error.title')}</p>
          <p className="review-bar__note">{notice.message}</p>
        </Bar>
      );
  }
}

/** Putting a name on the allow-list exposes everyone who has it, in every export: ask first, naming that. */
export function NeverRedactNameDialog({ text, forms, busy, onConfirm, onCancel }: { readonly text: string; readonly forms: readonly string[]; readonly busy: boolean; readonly onConfirm: () => void; readonly onCancel: () => void }) {
  const t = useT();
  return (
    <Dialog
      role="alertdialog"
      title={t('bars.name.title', { text })}
      description={<strong className="allow-confirm__lead">{t('bars.name.lead')}</strong>}
      onClose={onCancel}
      actions={
        <>
          <Button onClick={onCancel} autoFocus>
            {t('dialog.cancel')}
          </Button>
          <Button variant="danger" onClick={onConfirm} busy={busy}>
            <Icon name="shield-off" />
            {t('bars.name.confirm')}
          </Button>
        </>
      }
    >
      <div className="allow-confirm">
        <p className="allow-confirm__warn">
          <Icon name="warning" />
          <span>{t('bars.name.warn')}</span>
        </p>
        {forms.length ? (
          <p>{t('bars.name.forms', { count: forms.length, forms: quoted(t, forms) })}</p>
        ) : null}
        <p className="allow-confirm__where">{t('bars.name.where')}</p>
      </div>
    </Dialog>
  );
}
