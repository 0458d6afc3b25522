import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { InterviewFilter, InterviewSort, InterviewSortKey, InterviewSummaryRow } from '../../../shared/domain';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { formatDate } from '../../format';
import type { MessageId } from '../../i18n/catalogs';
import { translator, useT } from '../../i18n/I18nProvider';
import { incidentTypeLabel } from '../../i18n/taxonomy';
import { useOperation } from '../../hooks/useOperation';
import { useNavigation, useReport, useVaultData } from '../../shell/context';
import { NEW_INTERVIEW_SHORTCUT } from '../../shell/shortcuts';
import { BRIEF_START, type BriefStart } from '../brief/brief-review';
import { activeFilterCount, FilterBar } from './FilterBar';
import './interviews.css';

export function placeText(row: { readonly place: { readonly city: string; readonly district: string; readonly country: string } }): string {
  return [row.place.district, row.place.city, row.place.country].filter(Boolean).join(', ');
}

const SORT_LABELS: Record<InterviewSortKey, MessageId> = {
  date: 'interviews.sort.date',
  code: 'interviews.sort.code',
  title: 'interviews.sort.title',
  place: 'interviews.sort.place',
  status: 'interviews.sort.status',
  updated: 'interviews.sort.updated',
};

export function StatusBadge({ status }: { readonly status: 'draft' | 'reviewed' }) {
  const t = useT();
  return <span className={status === 'reviewed' ? 'badge badge--success' : 'badge badge--neutral'}>{status === 'reviewed' ? t('status.reviewed') : t('status.draft')}</span>;
}

interface ListMemory {
  readonly filter: InterviewFilter;
  readonly sort: InterviewSort;
  /** Interviews ticked for a brief (ids), in the order they were ticked. */
  readonly selected?: readonly string[];
}

export function InterviewList({ onNew }: { readonly onNew: () => void }) {
  const { navigate, memory } = useNavigation();
  const { taxonomy } = useVaultData();
  const t = useT();
  // A vault opened from a read-only disk can be read, searched and exported, never added to.
  const readOnly = useReport().report.readOnly === true;
  const cannotAdd = readOnly ? t('readOnly.cannotAdd') : undefined;
  const remembered = memory.get('interviews.list') as ListMemory | undefined;
  const [filter, setFilter] = useState<InterviewFilter>(remembered?.filter ?? {});
  const [sort, setSort] = useState<InterviewSort>(remembered?.sort ?? { key: 'date', direction: 'desc' });
  const [selected, setSelected] = useState<readonly string[]>(remembered?.selected ?? []);
  useEffect(() => {
    memory.set('interviews.list', { filter, sort, selected });
  }, [memory, filter, sort, selected]);
  const [list, retry] = useOperation('interviews.list', { filter, sort });
  const [total] = useOperation('interviews.list', {});
  const count = total.state === 'ready' ? total.value.length : 0;
  const filtered = activeFilterCount(filter) > 0;
  const heading = useRef<HTMLHeadingElement>(null);
  const chosen = new Set(selected);
  const shown = list.state === 'ready' ? list.value : [];
  const allShown = shown.length > 0 && shown.every((r) => chosen.has(r.id));
  const someShown = shown.some((r) => chosen.has(r.id));
  const tick = (id: string, on: boolean) => setSelected((xs) => (on ? (xs.includes(id) ? xs : [...xs, id]) : xs.filter((x) => x !== id)));
  const tickAll = (on: boolean) => setSelected((xs) => (on ? [...xs, ...shown.map((r) => r.id).filter((id) => !xs.includes(id))] : xs.filter((id) => !shown.some((r) => r.id === id))));
  /** A brief of the ticked interviews (in the list's order), else of every interview the filters match. */
  const makeBrief = () => {
    const order = new Map(shown.map((r, i) => [r.id, i]));
    const ids = [...selected].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
    const start: BriefStart = ids.length > 0 ? { ids } : { filter };
    memory.set(BRIEF_START, start);
    navigate({ section: 'brief' });
  };

  const sortControls = (
    <>
      <label htmlFor="interview-sort" className="visually-hidden">
        {t('interviews.sort.by')}
      </label>
      <select id="interview-sort" className="select select--sort" value={sort.key} onChange={(e) => setSort({ ...sort, key: e.target.value as InterviewSortKey })}>
        {(Object.keys(SORT_LABELS) as InterviewSortKey[]).map((k) => (
          <option key={k} value={k}>
            {t('interviews.sort.option', { key: t(SORT_LABELS[k]) })}
          </option>
        ))}
      </select>
      <Button
        className="icon-button"
        aria-label={sort.direction === 'asc' ? t('interviews.sort.ascSwitch') : t('interviews.sort.descSwitch')}
        title={sort.direction === 'asc' ? t('interviews.sort.asc') : t('interviews.sort.desc')}
        onClick={() => setSort({ ...sort, direction: sort.direction === 'asc' ? 'desc' : 'asc' })}
      >
        <Icon name={sort.direction === 'asc' ? 'arrow-up' : 'arrow-down'} />
      </Button>
    </>
  );

  return (
    <>
      <PageHeader
        title={t('interviews.title')}
        description={count > 0 ? t('interviews.count', { count }) : t('interviews.description')}
        actions={
          <>
          {count > 0 ? (
            <Button onClick={makeBrief} disabled={selected.length === 0 && shown.length === 0}>
              <Icon name="brief" />
              {selected.length > 0 ? t('interviews.brief.selected', { count: selected.length }) : filtered ? t('interviews.brief.filtered', { count: shown.length }) : t('interviews.brief.all')}
            </Button>
          ) : null}
          <Button variant="primary" onClick={onNew} aria-keyshortcuts={readOnly ? undefined : NEW_INTERVIEW_SHORTCUT.aria} disabled={readOnly} title={cannotAdd}>
            <Icon name="plus" />
            {t('interviews.new')}
            {readOnly ? null : (
              <kbd className="kbd--on-accent" aria-hidden="true">
                {NEW_INTERVIEW_SHORTCUT.hint}
              </kbd>
            )}
          </Button>
          </>
        }
      />
      {count > 0 || filtered ? <FilterBar filter={filter} onChange={setFilter} extra={sortControls} /> : null}
      {list.state === 'loading' && total.state !== 'ready' ? <Loading label={t('interviews.loading')} /> : null}
      {list.state === 'failed' ? <LoadFailed what={t('interviews.loadWhat')} error={list.error} onRetry={retry} /> : null}
      {list.state === 'ready' && list.value.length === 0 && !filtered ? (
        <Panel>
          <EmptyState
            icon="interviews"
            title={t('interviews.list.empty.title')}
            action={
              <Button variant="primary" onClick={onNew} disabled={readOnly} title={cannotAdd}>
                <Icon name="plus" />
                {t('interviews.new')}
              </Button>
            }
          >
            <p>{t('interviews.list.empty.line1')}</p>
            <p>{t('interviews.list.empty.line2')}</p>
          </EmptyState>
        </Panel>
      ) : null}
      {list.state === 'ready' && list.value.length === 0 && filtered ? (
        <Panel>
          <EmptyState icon="filter" title={t('interviews.list.noMatch.title')} action={<Button onClick={() => setFilter({})}>{t('interviews.list.noMatch.clear')}</Button>}>
            <p>{t('interviews.list.noMatch.hint')}</p>
          </EmptyState>
        </Panel>
      ) : null}
      {selected.length > 0 ? (
        <div className="selection-bar" role="status">
          <span className="selection-bar__count">{t('interviews.selection.count', { count: selected.length })}</span>
          <Button variant="link" onClick={() => setSelected([])}>
            {t('interviews.selection.clear')}
          </Button>
        </div>
      ) : null}
      {list.state === 'ready' && list.value.length > 0 ? (
        <Panel>
          <table className="table table--rows">
            <caption className="visually-hidden" ref={heading}>
              {filtered ? t('interviews.list.captionFiltered') : t('interviews.list.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="table__check">
                  <input
                    type="checkbox"
                    className="checkbox"
                    checked={allShown}
                    ref={(el) => {
                      if (el) el.indeterminate = someShown && !allShown;
                    }}
                    onChange={(e) => tickAll(e.target.checked)}
                    aria-label={t('interviews.selection.all')}
                  />
                </th>
                <th scope="col">{t('interviews.list.col.code')}</th>
                <th scope="col">{t('interviews.list.col.title')}</th>
                <th scope="col">{t('interviews.list.col.date')}</th>
                <th scope="col">{t('interviews.list.col.place')}</th>
                <th scope="col">{t('interviews.list.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.value.map((row) => (
                <InterviewRow key={row.id} row={row} ticked={chosen.has(row.id)} onTick={(on) => tick(row.id, on)} onOpen={() => navigate({ section: 'interviews', id: row.id })} labels={(id) => incidentTypeLabel(t, taxonomy, id)} />
              ))}
            </tbody>
          </table>
        </Panel>
      ) : null}
    </>
  );
}

function InterviewRow({
  row,
  ticked,
  onTick,
  onOpen,
  labels,
}: {
  readonly row: InterviewSummaryRow;
  readonly ticked: boolean;
  readonly onTick: (on: boolean) => void;
  readonly onOpen: () => void;
  readonly labels: (id: string) => string;
}) {
  const intl = useIntl();
  const t = translator(intl);
  const types = row.incidentTypes.slice(0, 3).map(labels);
  const more = row.incidentTypes.length - types.length;
  return (
    <tr className={ticked ? 'table__row--link table__row--ticked' : 'table__row--link'} onClick={onOpen}>
      {/* a click beside the box ticks it too, not open the interview */}
      <td className="table__check" onClick={(e) => (e.stopPropagation(), onTick(!ticked))}>
        <input type="checkbox" className="checkbox" checked={ticked} onClick={(e) => e.stopPropagation()} onChange={(e) => onTick(e.target.checked)} aria-label={t('interviews.selection.one', { code: row.code })} />
      </td>
      <td className="table__mono">{row.code}</td>
      <td className="interview-row__title">
        <button type="button" className="row-link" onClick={(e) => (e.stopPropagation(), onOpen())}>
          {row.title.trim() ? row.title : <span className="interview-row__untitled">{t('interviews.untitled')}</span>}
        </button>
        {types.length > 0 ? (
          <span className="interview-row__types">
            {types.join(' · ')}
            {more > 0 ? ` · +${more}` : ''}
          </span>
        ) : null}
      </td>
      <td className="table__nowrap">{row.date ? formatDate(intl, row.date) : <span className="table__muted">—</span>}</td>
      <td>{placeText(row) || <span className="table__muted">—</span>}</td>
      <td>
        <StatusBadge status={row.status} />
      </td>
    </tr>
  );
}
