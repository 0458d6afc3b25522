import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { defaultVaultSettings, type Person, type Taxonomy, type UnlockReport, type VaultSettings } from '../../shared/domain';
import { call } from '../api';
import { applyLanguage } from '../i18n/I18nProvider';
import { applyTheme } from '../theme';
import type { SectionId } from './sections';

/** Where the shell is: a section, and in Interviews or People optionally one open record. */
export interface Route {
  readonly section: SectionId;
  readonly id?: string;
  /**
   * For an open interview: the export review instead of the editor. 'new': a new interview or person that is
   * not in the vault until its first edit.
   */
  readonly view?: 'export' | 'new';
  /** Tells one new record from the next (each N starts afresh). */
  readonly draft?: number;
}

export interface Navigation {
  readonly route: Route;
  readonly navigate: (route: Route) => void;
  /** View state a screen wants back when the user returns to it (filters, a search). Dropped on lock. */
  readonly memory: Map<string, unknown>;
}

export interface VaultData {
  readonly taxonomy: Taxonomy;
  readonly settings: VaultSettings;
  /** The register, for pickers and labels. Screens show codes and pseudonyms from it, never names. */
  readonly people: readonly Person[];
  readonly setTaxonomy: (t: Taxonomy) => void;
  readonly setSettings: (s: VaultSettings) => void;
  readonly reloadPeople: () => void;
  readonly putPerson: (p: Person) => void;
  readonly removePerson: (id: string) => void;
}

const NavContext = createContext<Navigation | null>(null);

/** What the unlock (and the background check since) found, and how to replace it after an integrity action. */
export interface ReportState {
  readonly report: UnlockReport;
  readonly setReport: (r: UnlockReport) => void;
}

export const ReportContext = createContext<ReportState | null>(null);

export function useReport(): ReportState {
  const state = useContext(ReportContext);
  if (!state) throw new Error('useReport outside the app shell');
  return state;
}
const DataContext = createContext<VaultData | null>(null);

export function useNavigation(): Navigation {
  const nav = useContext(NavContext);
  if (!nav) throw new Error('useNavigation outside the app shell');
  return nav;
}

export function useVaultData(): VaultData {
  const data = useContext(DataContext);
  if (!data) throw new Error('useVaultData outside the app shell');
  return data;
}

export function ShellProviders({ route, navigate, children }: { readonly route: Route; readonly navigate: (r: Route) => void; readonly children: ReactNode }) {
  const memory = useRef(new Map<string, unknown>()).current;
  const [taxonomy, setTaxonomy] = useState<Taxonomy>({ groups: [] });
  const [settings, setSettings] = useState<VaultSettings>(defaultVaultSettings);
  const [people, setPeople] = useState<readonly Person[]>([]);

  const reloadPeople = useCallback(() => {
    void call('people.list', {}).then((r) => {
      if (r.ok) setPeople(r.value);
    });
  }, []);

  useEffect(() => {
    let alive = true;
    void call('taxonomy.get', {}).then((r) => alive && r.ok && setTaxonomy(r.value));
    void call('settings.get', {}).then((r) => alive && r.ok && setSettings(r.value));
    reloadPeople();
    return () => {
      alive = false;
    };
  }, [reloadPeople]);

  // The vault's theme while it is open; the system's again after lock (the shell unmounts).
  useEffect(() => {
    applyTheme(settings.theme);
  }, [settings.theme]);
  useEffect(() => () => applyTheme('system'), []);
  // The language likewise: the vault's while it is open, the system's before unlock and after lock.
  useEffect(() => {
    applyLanguage(settings.language);
  }, [settings.language]);
  useEffect(() => () => applyLanguage('system'), []);

  const putPerson = useCallback((p: Person) => setPeople((list) => (list.some((x) => x.id === p.id) ? list.map((x) => (x.id === p.id ? p : x)) : [...list, p])), []);
  const removePerson = useCallback((id: string) => setPeople((list) => list.filter((x) => x.id !== id)), []);

  const nav = useMemo(() => ({ route, navigate, memory }), [route, navigate, memory]);
  const data = useMemo(
    () => ({ taxonomy, settings, people, setTaxonomy, setSettings, reloadPeople, putPerson, removePerson }),
    [taxonomy, settings, people, reloadPeople, putPerson, removePerson],
  );
  return (
    <NavContext.Provider value={nav}>
      <DataContext.Provider value={data}>{children}</DataContext.Provider>
    </NavContext.Provider>
  );
}

/** A label for an incident type id, from the taxonomy (the id itself when the type was removed since). */
export function incidentLabel(taxonomy: Taxonomy, id: string): string {
  for (const g of taxonomy.groups) for (const t of g.types) if (t.id === id) return t.label;
  return id;
}
