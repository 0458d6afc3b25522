import { useId, useState, type FormEvent } from 'react';
import type { SearchHit } from '../../shared/domain';
import type { AppError } from '../../shared/result';
import { call } from '../api';
import { Alert } from '../components/Alert';
import { Button } from '../components/Button';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { useMounted } from '../hooks/useMounted';
import './SearchScreen.css';

type Outcome = { readonly query: string; readonly hits: readonly SearchHit[] } | { readonly query: string; readonly error: AppError };

export function SearchScreen() {
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inputId = useId();
  const mounted = useMounted();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    if (!q || busy) return;
    setBusy(true);
    const result = await call('search.query', { query: q, limit: 100 });
    if (!mounted.current) return;
    setBusy(false);
    setOutcome(result.ok ? { query: q, hits: result.value } : { query: q, error: result.error });
  };

  return (
    <>
      <PageHeader title="Search" description="Search names in Latin or Cyrillic, places, phone numbers, tags and notes across the whole vault." />
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">
          Search the vault
        </label>
        <div className="search-form__field">
          <Icon name="search" />
          <input
            id={inputId}
            className="input search-form__input"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search the vault"
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
          />
        </div>
        <Button type="submit" variant="primary" busy={busy}>
          Search
        </Button>
      </form>
      <div aria-live="polite">
        {outcome === null ? (
          <Panel>
            <EmptyState icon="search" title="Search the whole vault">
              <p>Spellings are matched loosely: Azimjon also finds Azimzhan and Азимжон.</p>
            </EmptyState>
          </Panel>
        ) : 'error' in outcome ? (
          <Alert tone="error" title="Search failed">
            {outcome.error.message}
          </Alert>
        ) : outcome.hits.length === 0 ? (
          <Panel>
            <EmptyState icon="search" title="No matches">
              <p>Nothing in this vault matches “{outcome.query}”.</p>
            </EmptyState>
          </Panel>
        ) : (
          <Panel>
            <ul className="search-results" aria-label={`${outcome.hits.length} results`}>
              {outcome.hits.map((hit) => (
                <li key={hit.id} className="search-results__item">
                  <span className="search-results__kind">
                    <Icon name={hit.kind === 'person' ? 'people' : 'interviews'} />
                  </span>
                  <div>
                    <p className="search-results__title">
                      <span className="table__mono">{hit.code}</span> {hit.title}
                    </p>
                    {hit.snippet ? <p className="search-results__snippet">{hit.snippet}</p> : null}
                  </div>
                </li>
              ))}
            </ul>
          </Panel>
        )}
      </div>
    </>
  );
}
