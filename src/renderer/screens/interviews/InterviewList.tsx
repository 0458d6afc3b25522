import { useEffect, useRef, useState } from 'react';
import type { InterviewFilter, InterviewSort, InterviewSortKey, InterviewSummaryRow } from '../../../shared/domain';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { formatDate } from '../../format';
import { useOperation } from '../../hooks/useOperation';
import { incidentLabel, useNavigation, useVaultData } from '../../shell/context';
import { activeFilterCount, FilterBar } from './FilterBar';
import './interviews.css';

export function placeText(row: { readonly place: { readonly city: string; readonly district: string; readonly country: string } }): string {
  return [row.place.district, row.place.city, row.place.country].filter(Boolean).join(', ');
}

const SORT_LABELS: Record<InterviewSortKey, string> = { date: 'Date', code: 'Code', title: 'Title', place: 'Place', status: 'Status', updated: 'Last edited' };

export function StatusBadge({ status }: { readonly status: 'draft' | 'reviewed' }) {
  return <span className={status === 'reviewed' ? 'badge badge--success' : 'badge badge--neutral'}>{status === 'reviewed' ? 'Reviewed' : 'Draft'}</span>;
}

interface ListMemory {
  readonly filter: InterviewFilter;
  readonly sort: InterviewSort;
}

export function InterviewList({ onNew }: { readonly onNew: () => void }) {
  const { navigate, memory } = useNavigation();
  const { taxonomy } = useVaultData();
  const remembered = memory.get('interviews.list') as ListMemory | undefined;
  const [filter, setFilter] = useState<InterviewFilter>(remembered?.filter ?? {});
  const [sort, setSort] = useState<InterviewSort>(remembered?.sort ?? { key: 'date', direction: 'desc' });
  useEffect(() => {
    memory.set('interviews.list', { filter, sort });
  }, [memory, filter, sort]);
  const [list, retry] = useOperation('interviews.list', { filter, sort });
  const [total] = useOperation('interviews.list', {});
  const count = total.state === 'ready' ? total.value.length : 0;
  const filtered = activeFilterCount(filter) > 0;
  const heading = useRef<HTMLHeadingElement>(null);

  const sortControls = (
    <>
      <label htmlFor="interview-sort" className="visually-hidden">
        Sort by
      </label>
      <select id="interview-sort" className="select select--sort" value={sort.key} onChange={(e) => setSort({ ...sort, key: e.target.value as InterviewSortKey })}>
        {(Object.keys(SORT_LABELS) as InterviewSortKey[]).map((k) => (
          <option key={k} value={k}>
            Sort: {SORT_LABELS[k]}
          </option>
        ))}
      </select>
      <Button
        className="icon-button"
        aria-label={sort.direction === 'asc' ? 'Ascending; switch to descending' : 'Descending; switch to ascending'}
        title={sort.direction === 'asc' ? 'Ascending' : 'Descending'}
        onClick={() => setSort({ ...sort, direction: sort.direction === 'asc' ? 'desc' : 'asc' })}
      >
        <Icon name={sort.direction === 'asc' ? 'arrow-up' : 'arrow-down'} />
      </Button>
    </>
  );

  return (
    <>
      <PageHeader
        title="Interviews"
        description={count > 0 ? `${count} ${count === 1 ? 'interview' : 'interviews'} in this vault.` : 'Notes from the people you have spoken with.'}
        actions={
          <Button variant="primary" onClick={onNew} aria-keyshortcuts="N">
            <Icon name="plus" />
            New interview
            <kbd className="kbd--on-accent">N</kbd>
          </Button>
        }
      />
      {count > 0 || filtered ? <FilterBar filter={filter} onChange={setFilter} extra={sortControls} /> : null}
      {list.state === 'loading' && total.state !== 'ready' ? <Loading label="Opening interviews…" /> : null}
      {list.state === 'failed' ? <LoadFailed what="interviews" error={list.error} onRetry={retry} /> : null}
      {list.state === 'ready' && list.value.length === 0 && !filtered ? (
        <Panel>
          <EmptyState
            icon="interviews"
            title="No interviews yet"
            action={
              <Button variant="primary" onClick={onNew}>
                <Icon name="plus" />
                New interview
              </Button>
            }
          >
            <p>Interviews you record will be listed here with their code, date and place.</p>
            <p>Titles, notes and dates are encrypted: without your passphrase nobody can tell what this vault holds.</p>
          </EmptyState>
        </Panel>
      ) : null}
      {list.state === 'ready' && list.value.length === 0 && filtered ? (
        <Panel>
          <EmptyState icon="filter" title="No interviews match these filters" action={<Button onClick={() => setFilter({})}>Clear filters</Button>}>
            <p>Remove a filter to see more.</p>
          </EmptyState>
        </Panel>
      ) : null}
      {list.state === 'ready' && list.value.length > 0 ? (
        <Panel>
          <table className="table table--rows">
            <caption className="visually-hidden" ref={heading}>
              Interviews{filtered ? ', filtered' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Title</th>
                <th scope="col">Date</th>
                <th scope="col">Place</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.value.map((row) => (
                <InterviewRow key={row.id} row={row} onOpen={() => navigate({ section: 'interviews', id: row.id })} labels={(id) => incidentLabel(taxonomy, id)} />
              ))}
            </tbody>
          </table>
        </Panel>
      ) : null}
    </>
  );
}

function InterviewRow({ row, onOpen, labels }: { readonly row: InterviewSummaryRow; readonly onOpen: () => void; readonly labels: (id: string) => string }) {
  const types = row.incidentTypes.slice(0, 3).map(labels);
  const more = row.incidentTypes.length - types.length;
  return (
    <tr className="table__row--link" onClick={onOpen}>
      <td className="table__mono">{row.code}</td>
      <td className="interview-row__title">
        <button type="button" className="row-link" onClick={(e) => (e.stopPropagation(), onOpen())}>
          {row.title.trim() ? row.title : <span className="interview-row__untitled">Untitled interview</span>}
        </button>
        {types.length > 0 ? (
          <span className="interview-row__types">
            {types.join(' · ')}
            {more > 0 ? ` · +${more}` : ''}
          </span>
        ) : null}
      </td>
      <td className="table__nowrap">{row.date ? formatDate(row.date) : <span className="table__muted">—</span>}</td>
      <td>{placeText(row) || <span className="table__muted">—</span>}</td>
      <td>
        <StatusBadge status={row.status} />
      </td>
    </tr>
  );
}
