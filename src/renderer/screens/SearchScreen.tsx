import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { InterviewFilter, SearchHit } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { call } from '../api';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { ConsentBadge } from '../components/Consent';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { Snippet } from '../components/Snippet';
import { useMounted } from '../hooks/useMounted';
import { commonError } from '../errors';
import { useT } from '../i18n/I18nProvider';
import { useNavigation, useVaultData } from '../shell/context';
import { activeFilterCount, FilterBar } from './interviews/FilterBar';
import './interviews/interviews.css';
import './SearchScreen.css';
import { FOCUS_SEARCH_EVENT } from '../shell/useSearchShortcut';

type Outcome = { readonly query: string; readonly hits: readonly SearchHit[] } | { readonly query: string; readonly error: AppError };

interface SearchMemory {
  readonly query: string;
  readonly filter: InterviewFilter;
  readonly people: boolean | null;
}

export function SearchScreen() {
  const { navigate, memory } = useNavigation();
  const { settings, people: register } = useVaultData();
  const t = useT();
  const remembered = memory.get('search') as SearchMemory | undefined;
  const [query, setQuery] = useState(remembered?.query ?? '');
  const [filter, setFilter] = useState<InterviewFilter>(remembered?.filter ?? {});
  const [peopleChoice, setPeopleChoice] = useState<boolean | null>(remembered?.people ?? null);
  const includePeople = peopleChoice ?? settings.searchIncludesPeople;
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // Ctrl+K / Ctrl+F while Search is already open: back to the field, with what was typed selected.
  useEffect(() => {
    const focus = () => {
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener(FOCUS_SEARCH_EVENT, focus);
    return () => window.removeEventListener(FOCUS_SEARCH_EVENT, focus);
  }, []);
  const peopleId = useId();
  const mounted = useMounted();
  const seq = useRef(0);

  useEffect(() => {
    memory.set('search', { query, filter, people: peopleChoice });
  }, [memory, query, filter, peopleChoice]);

  const run = async (q: string) => {
    const n = ++seq.current;
    if (!q) {
      setOutcome(null);
      setBusy(false);
      return;
    }
    setBusy(true);
    // filters narrow interviews; with any filter set, the core leaves register hits out
    const filtered = activeFilterCount(filter) > 0;
    const result = await call('search.query', { query: q, limit: 100, kinds: includePeople ? ['interview', 'person'] : ['interview'], ...(filtered ? { filter } : {}) });
    if (!mounted.current || n !== seq.current) return;
    setBusy(false);
    setOutcome(result.ok ? { query: q, hits: result.value } : { query: q, error: result.error });
  };

  // search as you type (a short pause), and again whenever the filters or the people toggle change
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    const q = query.trim();
    const timer = setTimeout(() => void run(q), q ? 180 : 0);
    return () => clearTimeout(timer);
  }, [query, filterKey, includePeople]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(query.trim());
  };

  const open = (hit: SearchHit) => navigate({ section: hit.kind === 'person' ? 'people' : 'interviews', id: hit.id });
  const hits = outcome && 'hits' in outcome ? outcome.hits : [];
  const interviewsFound = hits.filter((h) => h.kind === 'interview').length;
  const peopleFound = hits.length - interviewsFound;

  return (
    <>
      <PageHeader title={t('search.title')} description={t('search.description')} />
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">
          {t('search.label')}
        </label>
        <div className="search-form__field">
          <Icon name="search" />
          <input
            ref={inputRef}
            id={inputId}
            className="input search-form__input"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('search.label')}
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            autoFocus
          />
        </div>
        <Button type="submit" variant="primary" busy={busy}>
          {t('search.submit')}
        </Button>
      </form>
      <FilterBar
        filter={filter}
        onChange={setFilter}
        extra={
          <label className="toggle" htmlFor={peopleId}>
            <input id={peopleId} type="checkbox" role="switch" checked={includePeople} onChange={(e) => setPeopleChoice(e.target.checked)} />
            <span className="toggle__track" aria-hidden="true" />
            <span>{t('search.includePeople')}</span>
          </label>
        }
      />
      {includePeople && activeFilterCount(filter) > 0 ? <p className="search-count">{t('search.filtersLeavePeople')}</p> : null}
      <div aria-live="polite" className="search-outcome">
        {outcome === null ? (
          <Panel>
            <EmptyState icon="search" title={t('search.empty.title')}>
              <p>{t('search.empty.spellings')}</p>
              <p>{includePeople ? t('search.empty.withPeople') : t('search.empty.interviewsOnly')}</p>
            </EmptyState>
          </Panel>
        ) : 'error' in outcome ? (
          <Alert tone="error" title={t('search.failed')}>
            {commonError(outcome.error, t)}
          </Alert>
        ) : outcome.hits.length === 0 ? (
          <Panel>
            <EmptyState icon="search" title={t('search.noMatches.title')}>
              <p>{t(activeFilterCount(filter) > 0 ? 'search.noMatches.textFiltered' : 'search.noMatches.text', { query: outcome.query })}</p>
            </EmptyState>
          </Panel>
        ) : (
          <>
            <p className="search-count">
              {t('search.count.interviews', { count: interviewsFound })}
              {includePeople ? `, ${t('search.count.people', { count: peopleFound })}` : ''}
            </p>
            <Panel>
              <ul className="search-results" aria-label={t('search.results', { count: outcome.hits.length })}>
                {outcome.hits.map((hit) => {
                  const person = hit.kind === 'person' ? register.find((p) => p.id === hit.id) : undefined;
                  return (
                    <li key={`${hit.kind}-${hit.id}`} className="search-results__item">
                      <span className="search-results__kind">
                        <Icon name={hit.kind === 'person' ? 'people' : 'interviews'} />
                      </span>
                      <div className="search-results__body">
                        <p className="search-results__title">
                          <button type="button" className="row-link" onClick={() => open(hit)}>
                            <span className="search-results__code">{hit.code}</span> {hit.title && hit.title !== hit.code ? hit.title : hit.kind === 'interview' ? t('search.untitled') : ''}
                          </button>
                        </p>
                        {hit.snippet ? <Snippet text={hit.snippet} className="search-results__snippet" /> : null}
                        {person ? (
                          <div className="search-results__consent">
                            <ConsentBadge consent={person.consent} />
                            <span className="search-results__note">{t('search.matchedInRegister')}</span>
                          </div>
                        ) : null}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </Panel>
          </>
        )}
      </div>
    </>
  );
}
