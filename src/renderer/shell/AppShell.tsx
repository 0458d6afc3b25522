import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../api';
import { Alert } from '../components/Alert';
import { useDelayedFlag } from '../hooks/useDelayedFlag';
import { useIdleLock } from '../lock/useIdleLock';
import { AuditLogScreen } from '../screens/AuditLogScreen';
import { InterviewsScreen } from '../screens/interviews/InterviewsScreen';
import { PeopleScreen } from '../screens/people/PeopleScreen';
import { SearchScreen } from '../screens/SearchScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { reportHasProblems, type LockReason, type Session } from '../session';
import { ReportContext, ShellProviders, useVaultData, type Route } from './context';
import { IntegrityPanel } from './IntegrityPanel';
import { useSearchShortcut } from './useSearchShortcut';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { useLockShortcut } from './useLockShortcut';
import { useVerifiedReport } from './useVerifiedReport';
import './shell.css';

/** True when a key press belongs to a text field, an editor or a control that uses letters itself. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}

/** The unlocked app: top bar, section list, and the current section. Unmounted as a whole on lock. */
export function AppShell({ session, onLock }: { readonly session: Session; readonly onLock: (reason: LockReason) => void }) {
  const [route, setRoute] = useState<Route>({ section: 'interviews' });
  const navigate = useCallback((r: Route) => setRoute(r), []);
  return (
    <ShellProviders route={route} navigate={navigate}>
      <ShellFrame session={session} onLock={onLock} route={route} navigate={navigate} />
    </ShellProviders>
  );
}

function ShellFrame({ session, onLock, route, navigate }: { readonly session: Session; readonly onLock: (reason: LockReason) => void; readonly route: Route; readonly navigate: (r: Route) => void }) {
  const [report, setReport] = useVerifiedReport(session.report);
  const reportState = useMemo(() => ({ report, setReport }), [report, setReport]);
  const { settings } = useVaultData();
  // A dismissed warning comes back only if the background check finds more.
  const problemKey = `${report.damaged.length}|${report.missing.length}|${report.sealIntact}|${report.auditChainIntact}|${report.schemaIntact}`;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [createError, setCreateError] = useState<string | null>(null);
  const showReport = reportHasProblems(report) && dismissed !== problemKey;
  const checking = useDelayedFlag(!report.verified, 700);
  const lockByUser = useCallback(() => onLock('user'), [onLock]);
  useLockShortcut(lockByUser);
  const openSearch = useCallback(() => navigate({ section: 'search' }), [navigate]);
  useSearchShortcut(openSearch);
  useIdleLock(settings.autoLockMinutes, () => onLock('idle'));

  const creating = useRef(false);
  const newInterview = useCallback(async () => {
    if (creating.current) return;
    creating.current = true;
    const created = await call('interviews.create', { fields: {} });
    creating.current = false;
    if (!created.ok) {
      setCreateError(created.error.message);
      return;
    }
    setCreateError(null);
    navigate({ section: 'interviews', id: created.value.id });
  }, [navigate]);

  // N (outside text fields) starts a new interview from anywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // composedPath()[0]: the real target, also inside the editor's shadow root
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.key.toLowerCase() !== 'n' || isTyping(e.composedPath()[0] ?? e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      void newInterview();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [newInterview]);

  return (
    <ReportContext.Provider value={reportState}>
    <div className="shell">
      <TopBar name={session.name} path={session.path} checking={checking} onLock={lockByUser} />
      <div className="shell__body">
        <Sidebar current={route.section} onSelect={(section) => navigate({ section })} />
        <main className="shell__main" id="main">
          <div className={route.view === 'export' ? 'shell__content shell__content--wide shell__content--review' : route.id ? 'shell__content shell__content--wide' : 'shell__content'}>
            {showReport ? <IntegrityPanel report={report} onReport={setReport} onDismiss={() => setDismissed(problemKey)} /> : null}
            {createError ? (
              <Alert tone="error" title="Could not create the interview" onDismiss={() => setCreateError(null)}>
                {createError}
              </Alert>
            ) : null}
            {route.section === 'interviews' ? <InterviewsScreen id={route.id} view={route.view} onNew={newInterview} /> : null}
            {route.section === 'people' ? <PeopleScreen id={route.id} /> : null}
            {route.section === 'search' ? <SearchScreen /> : null}
            {route.section === 'audit' ? <AuditLogScreen chainIntact={report.auditChainIntact} /> : null}
            {route.section === 'settings' ? <SettingsScreen session={session} /> : null}
          </div>
        </main>
      </div>
    </div>
    </ReportContext.Provider>
  );
}
