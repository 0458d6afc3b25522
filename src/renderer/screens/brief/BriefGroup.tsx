import { memo, useMemo, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { BriefField, BriefFieldText, BriefInterviewReview } from '../../../shared/brief';
import type { ExportFinding } from '../../../shared/domain';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import type { MessageId } from '../../i18n/catalogs';
import { translator, useT, type Translate } from '../../i18n/I18nProvider';
import { consentReason, excerpt, FindingDetail, selectWithKeys } from '../export/ExportReviewScreen';
import { previewField } from '../export/redaction';
import { OriginalField, PreviewPieces } from '../export/ReviewText';
import { groupCounts, textDecisions, textKey, textReview, type BriefSpan, type GroupDecisions, type ReviewGroup } from './brief-review';

/** Which finding has the reviewer's attention: its group, its text, and the finding as the text's review has it. */
export interface ActiveFinding {
  readonly group: string;
  readonly text: string;
  readonly finding: ExportFinding;
}

export interface GroupHandlers {
  readonly onToggle: (group: string, text: BriefFieldText, f: ExportFinding) => void;
  readonly onActive: (a: ActiveFinding) => void;
  readonly onNeverRedact: (group: string, text: BriefFieldText, f: ExportFinding) => void;
  readonly onRemoveManual: (group: string, m: BriefSpan) => void;
}

const FIELD_LABELS: Readonly<Record<BriefField, MessageId>> = {
  title: 'brief.field.title',
  method: 'brief.field.method',
  heading: 'brief.field.heading',
  details: 'brief.field.details',
  summary: 'brief.field.summary',
  quote: 'brief.field.quote',
};

export const briefFieldLabel = (t: Translate, f: { readonly field: BriefField; readonly index: number }): string => t(FIELD_LABELS[f.field], { n: f.index + 1 });

/** One text of the brief: the original with its findings (the same switches as the single export), and what the brief will say. */
const BriefText = memo(function BriefText({
  group,
  text,
  revision,
  decisions,
  active,
  handlers,
  keyHelpId,
}: {
  readonly group: ReviewGroup;
  readonly text: BriefFieldText;
  readonly revision: string;
  readonly decisions: GroupDecisions;
  readonly active: ExportFinding | null;
  readonly handlers: GroupHandlers;
  readonly keyHelpId: string;
}) {
  const t = useT();
  const review = useMemo(() => textReview(group, text, revision), [group, text, revision]);
  const d = useMemo(() => textDecisions(decisions, text), [decisions, text]);
  const pieces = useMemo(() => previewField(review, 'text', d), [review, d]);
  const label = briefFieldLabel(t, text);
  // the details (month, place, incident types) read as one block under one label
  const shown = text.field === 'details' ? (text.index === 0 ? t('brief.field.detailsHeading') : null) : label;
  const own = useMemo(
    () => ({
      onToggle: (f: ExportFinding) => handlers.onToggle(group.key, text, f),
      onActive: (f: ExportFinding) => handlers.onActive({ group: group.key, text: textKey(text), finding: f }),
      onNeverRedact: (f: ExportFinding) => handlers.onNeverRedact(group.key, text, f),
    }),
    [handlers, group.key, text],
  );
  return (
    <div className={['brief-text', `brief-text--${text.field}`, shown === null ? 'brief-text--more' : ''].filter(Boolean).join(' ')}>
      <div className="brief-text__original">
        {shown !== null ? <h4 className="review-field__label">{shown}</h4> : null}
        {text.original ? (
          <div
            className="review-field__text"
            data-brief-text=""
            data-group={group.key}
            data-field={text.field}
            data-index={text.index}
            tabIndex={0}
            role="region"
            aria-label={t('export.fieldOriginal', { label })}
            aria-describedby={keyHelpId}
            onKeyDown={selectWithKeys}
          >
            <OriginalField review={review} field="text" decisions={d} active={active} handlers={own} />
          </div>
        ) : (
          <p className="review-field__empty">{t('export.empty')}</p>
        )}
      </div>
      <div className="brief-text__result" aria-label={t('brief.inBrief', { label })} role="group">
        {shown !== null ? (
          <span className="brief-text__result-label" aria-hidden="true">
            {shown}
          </span>
        ) : null}
        <div className="brief-text__out">{text.original ? <PreviewPieces pieces={pieces} /> : <span className="preview__empty">—</span>}</div>
      </div>
    </div>
  );
});

/** The texts of one group (the front, or one interview) side by side with the brief's text, and its hand redactions. */
export function GroupBody({
  group,
  revision,
  decisions,
  active,
  handlers,
  keyHelpId,
  allowBusy,
  onNeverRedactActive,
}: {
  readonly group: ReviewGroup;
  readonly revision: string;
  readonly decisions: GroupDecisions;
  readonly active: ActiveFinding | null;
  readonly handlers: GroupHandlers;
  readonly keyHelpId: string;
  readonly allowBusy: boolean;
  readonly onNeverRedactActive: (f: ExportFinding) => void;
}) {
  const t = useT();
  const mine = active?.group === group.key ? active : null;
  const activeText = mine ? group.fields.find((f) => textKey(f) === mine.text) : undefined;
  const activeReview = useMemo(() => (activeText ? textReview(group, activeText, revision) : null), [group, activeText, revision]);
  return (
    <div className="brief-group__body">
      <div className="brief-group__cols" aria-hidden="true">
        <span>{t('export.original')}</span>
        <span>{t('brief.result')}</span>
      </div>
      {group.fields.map((text) => (
        <BriefText
          key={textKey(text)}
          group={group}
          text={text}
          revision={revision}
          decisions={decisions}
          active={mine?.text === textKey(text) ? mine.finding : null}
          handlers={handlers}
          keyHelpId={keyHelpId}
        />
      ))}
      {activeReview && mine && activeText ? (
        <FindingDetail review={activeReview} finding={mine.finding} decisions={textDecisions(decisions, activeText)} busy={allowBusy} onNeverRedact={onNeverRedactActive} />
      ) : null}
      {decisions.manual.length > 0 ? (
        <div className="manual-list brief-group__manual">
          <h4 className="manual-list__title">{t('export.manual.title')}</h4>
          <ul aria-label={t('export.manual.title')}>
            {decisions.manual.map((m) => {
              const original = group.fields.find((f) => f.field === m.field && f.index === m.index)?.original ?? '';
              const text = excerpt(original.slice(m.start, m.end));
              return (
                <li key={`${textKey(m)}:${m.start}:${m.end}`} className="manual-list__item">
                  <span className="manual-list__field">{briefFieldLabel(t, m)}</span>
                  <span className="manual-list__text">“{text}”</span>
                  <button type="button" className="icon-button--small" aria-label={t('export.manual.remove', { text })} title={t('export.manual.removeTitle')} onClick={() => handlers.onRemoveManual(group.key, m)}>
                    <Icon name="close" />
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** A group's counts, as small badges: what is redacted, suggestions still open, hand redactions. */
export function GroupCounts({ group, decisions }: { readonly group: ReviewGroup; readonly decisions: GroupDecisions }) {
  const t = useT();
  const c = groupCounts(group, decisions);
  if (c.redacted + c.suggestions + c.manual === 0) return <span className="brief-count brief-count--none">{t('brief.count.none')}</span>;
  return (
    <span className="brief-counts">
      {c.redacted > 0 ? <span className="brief-count brief-count--redacted">{t('brief.count.redacted', { count: c.redacted })}</span> : null}
      {c.suggestions > 0 ? <span className="brief-count brief-count--suggestion">{t('brief.count.suggestions', { count: c.suggestions })}</span> : null}
      {c.manual > 0 ? <span className="brief-count brief-count--manual">{t('brief.count.manual', { count: c.manual })}</span> : null}
    </span>
  );
}

/** One interview of the brief: its B-code, where it comes from, its counts; opened, its texts. Collapsed, nothing heavy is drawn. */
export function InterviewGroup({
  interview,
  group,
  open,
  onOpen,
  onLeaveOut,
  leaving,
  children,
  decisions,
}: {
  readonly interview: BriefInterviewReview;
  readonly group: ReviewGroup;
  readonly open: boolean;
  readonly onOpen: (open: boolean) => void;
  readonly onLeaveOut: () => void;
  readonly leaving: boolean;
  readonly children: (group: ReviewGroup) => ReactNode;
  readonly decisions: GroupDecisions;
}) {
  const intl = useIntl();
  const t = translator(intl);
  const bodyId = `brief-group-${interview.interviewId}`;
  const heading = interview.fields.find((f) => f.field === 'heading')?.original.trim() ?? '';
  const blocked = interview.consent.length > 0;
  return (
    <section className={blocked ? 'brief-group brief-group--blocked' : 'brief-group'} aria-labelledby={`${bodyId}-h`} data-brief-code={interview.briefCode}>
      <div className="brief-group__head">
      <h3 className="brief-group__heading" id={`${bodyId}-h`}>
        <button type="button" className="brief-group__toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => onOpen(!open)}>
          <Icon name="chevron" className="brief-group__chevron" />
          <span className="brief-group__code">{interview.briefCode}</span>
          <span className="brief-group__title">{heading ? excerpt(heading, 90) : t('interviews.untitled')}</span>
          <span className="brief-group__from">{t('brief.from', { code: interview.vaultCode })}</span>
        </button>
      </h3>
        <GroupCounts group={group} decisions={decisions} />
      </div>
      {blocked ? (
        <div className="brief-group__consent" role="group" aria-label={t('brief.consent.label', { code: interview.briefCode })}>
          <Icon name="error" className="brief-group__consent-icon" />
          <div className="brief-group__consent-text">
            <p className="brief-group__consent-title">{t('brief.consent.title', { code: interview.briefCode })}</p>
            <ul>
              {interview.consent.map((c) => (
                <li key={c.personId}>{consentReason(t, intl, c.reason)}</li>
              ))}
            </ul>
          </div>
          <Button variant="danger" onClick={onLeaveOut} busy={leaving}>
            {t('brief.leaveOut', { code: interview.briefCode })}
          </Button>
        </div>
      ) : null}
      {interview.quotesLeftOut > 0 ? (
        <p className="brief-group__note">
          <Icon name="info" />
          {t('brief.quotesLeftOut', { count: interview.quotesLeftOut })}
        </p>
      ) : null}
      <div id={bodyId} hidden={!open}>
        {open ? children(group) : null}
      </div>
    </section>
  );
}

