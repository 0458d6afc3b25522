import { useCallback, useMemo, useRef, useState } from 'react';
import { Alert } from '../components/Alert';
import { useDelayedFlag } from '../hooks/useDelayedFlag';
import { useT } from '../i18n/I18nProvider';
import { failingEditors, flushAll, leaveWhenSaved, type Unsaved } from '../lock/flush';
import { useIdleLock } from '../lock/useIdleLock';
import { AuditLogScreen } from '../screens/AuditLogScreen';
import { BriefScreen } from '../screens/brief/BriefScreen';
import { InterviewsScreen } from '../screens/interviews/InterviewsScreen';
import { PeopleScreen } from '../screens/people/PeopleScreen';
import { SearchScreen } from '../screens/SearchScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { BackupBanner } from '../screens/backup/BackupBanner';
import { ReadOnlyBanner } from './ReadOnlyBanner';
import { ColleaguesScreen } from '../screens/delivery/ColleaguesScreen';
import { ReceivedScreen } from '../screens/delivery/ReceivedScreen';
import { TravelBanner } from '../screens/travel/TravelBanner';
import { TravelScreen } from '../screens/travel/TravelScreen';
import { TravelProvider } from '../screens/travel/travel-status';
import { reportHasProblems, type LockReason, type Session } from '../session';
import { ReportContext, ShellProviders, useVaultData, type Route } from './context';
import { IntegrityPanel } from './IntegrityPanel';
import { useSearchShortcut } from './useSearchShortcut';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { UnsavedLeaveDialog, UnsavedLockDialog } from './UnsavedDialogs';
import { useLockShortcut } from './useLockShortcut';
import { useNewInterviewShortcut } from './useNewInterviewShortcut';
import { useVerifiedReport } from './useVerifiedReport';
import { useViewFocus } from './useViewFocus';
import './shell.css';

/** The unlocked app: top bar, section list, and the current section. Unmounted as a whole on lock. */
export function AppShell({ session, onLock }: { readonly session: Session; readonly onLock: (reason: LockReason) => void }) {
  const [route, setRoute] = useState<Route>({ section: 'interviews' });
  // Every way out of a screen (sidebar, Back, another record, Search, N) comes through here: pending edits are
  // saved first, and a failed save keeps the researcher where the text is (held) instead of dropping it.
  const [held, setHeld] = useState<{ readonly to: Route; readonly unsaved: readonly Unsaved[] } | null>(null);
  const navigate = useCallback((r: Route) => leaveWhenSaved(() => setRoute(r), (unsaved) => setHeld({ to: r, unsaved })), []);
  return (
    <ShellProviders route={route} navigate={navigate}>
      <TravelProvider>
        <ShellFrame session={session} onLock={onLock} route={route} navigate={navigate} />
      </TravelProvider>
      {held ? (
        <UnsavedLeaveDialog
          unsaved={held.unsaved}
          onStay={() => setHeld(null)}
          onRetry={async () => {
            const left = await flushAll(8000);
            if (left.length === 0) {
              setHeld(null);
              setRoute(held.to);
            } else setHeld({ to: held.to, unsaved: left });
          }}
        />
      ) : null}
    </ShellProviders>
  );
}

function ShellFrame({ session, onLock, route, navigate }: { readonly session: Session; readonly onLock: (reason: LockReason) => void; readonly route: Route; readonly navigate: (r: Route) => void }) {
  const [report, setReport] = useVerifiedReport(session.report);
  const reportState = useMemo(() => ({ report, setReport }), [report, setReport]);
  const { settings } = useVaultData();
  const t = useT();
  // A dismissed warning comes back only if the background check finds more.
  const problemKey = `${report.damaged.length}|${report.missing.length}|${report.sealIntact}|${report.auditChainIntact}|${report.schemaIntact}`;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [createError, setCreateError] = useState<string | null>(null);
  const showReport = reportHasProblems(report) && dismissed !== problemKey;
  const checking = useDelayedFlag(!report.verified, 700);
  // Locking by hand with edits that fail to save asks first (they would be lost); the automatic lock never asks.
  const [lockHeld, setLockHeld] = useState<readonly Unsaved[] | null>(null);
  const lockByUser = useCallback(() => {
    const failing = failingEditors();
    if (failing.length > 0) setLockHeld(failing);
    else onLock('user');
  }, [onLock]);
  useLockShortcut(lockByUser);
  const openSearch = useCallback(() => navigate({ section: 'search' }), [navigate]);
  useSearchShortcut(openSearch);
  useIdleLock(settings.autoLockMinutes, () => onLock('idle'));

  // An empty editor that creates the interview on its first edit (InterviewEditor's NewInterview): nothing is
  // written for one that is abandoned.
  const drafts = useRef(0);
  const readOnly = report.readOnly === true;
  const newInterview = useCallback(() => {
    // Ctrl+N too: a vault opened from a read-only disk is never added to.
    if (readOnly) return;
    setCreateError(null);
    navigate({ section: 'interviews', view: 'new', draft: ++drafts.current });
  }, [navigate, readOnly]);

  // Ctrl+N (⌘N) starts a new interview from anywhere; a bare N would fire on speech input (shortcuts.ts).
  useNewInterviewShortcut(newInterview);
  const mainRef = useRef<HTMLElement>(null);
  useViewFocus(`${route.section}|${route.id ?? ''}|${route.view ?? ''}|${route.draft ?? ''}`, mainRef);

  return (
    <ReportContext.Provider value={reportState}>
    <div className="shell">
      <TopBar name={session.name} path={session.path} checking={checking} readOnly={readOnly} onLock={lockByUser} />
      <div className="shell__body">
        <Sidebar current={route.section} onSelect={(section) => navigate({ section })} />
        <main className="shell__main" id="main" ref={mainRef}>
          <div className={route.view === 'export' || route.section === 'brief' ? 'shell__content shell__content--wide shell__content--review' : route.id || route.view === 'new' ? 'shell__content shell__content--wide' : 'shell__content'}>
            {report.readOnly ? <ReadOnlyBanner /> : null}
            <TravelBanner />
            {report.readOnly ? null : <BackupBanner />}
            {showReport ? <IntegrityPanel report={report} onReport={setReport} onDismiss={() => setDismissed(problemKey)} /> : null}
            {createError ? (
              <Alert tone="error" title={t('shell.createFailed')} onDismiss={() => setCreateError(null)}>
                {createError}
              </Alert>
            ) : null}
            {route.section === 'interviews' ? <InterviewsScreen id={route.id} view={route.view} draft={route.draft} onNew={newInterview} /> : null}
            {route.section === 'people' ? <PeopleScreen id={route.id} view={route.view} draft={route.draft} /> : null}
            {route.section === 'search' ? <SearchScreen /> : null}
            {route.section === 'brief' ? <BriefScreen /> : null}
            {route.section === 'colleagues' ? <ColleaguesScreen /> : null}
            {route.section === 'received' ? <ReceivedScreen id={route.id} /> : null}
            {route.section === 'audit' ? <AuditLogScreen chainIntact={report.auditChainIntact} /> : null}
            {route.section === 'travel' ? <TravelScreen /> : null}
            {route.section === 'settings' ? <SettingsScreen session={session} /> : null}
          </div>
        </main>
      </div>
    {lockHeld ? (
      <UnsavedLockDialog
        unsaved={lockHeld}
        onStay={() => setLockHeld(null)}
        onLock={() => {
          setLockHeld(null);
          onLock('user');
        }}
      />
    ) : null}
    </div>
    </ReportContext.Provider>
  );
}
