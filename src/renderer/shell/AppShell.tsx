import { useState } from 'react';
import { AuditLogScreen } from '../screens/AuditLogScreen';
import { InterviewsScreen } from '../screens/InterviewsScreen';
import { PeopleScreen } from '../screens/PeopleScreen';
import { SearchScreen } from '../screens/SearchScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { reportHasProblems, type Session } from '../session';
import { ReportBanner } from './ReportBanner';
import type { SectionId } from './sections';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { useDelayedFlag } from '../hooks/useDelayedFlag';
import { useLockShortcut } from './useLockShortcut';
import { useVerifiedReport } from './useVerifiedReport';
import './shell.css';

/** The unlocked app: top bar, section list, and the current section. Unmounted as a whole on lock. */
export function AppShell({ session, onLock }: { readonly session: Session; readonly onLock: () => void }) {
  const [section, setSection] = useState<SectionId>('interviews');
  const report = useVerifiedReport(session.report);
  // A dismissed warning comes back only if the background check finds more.
  const problemKey = `${report.damaged.length}|${report.sealIntact}|${report.auditChainIntact}`;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const showReport = reportHasProblems(report) && dismissed !== problemKey;
  const checking = useDelayedFlag(!report.verified, 700);
  useLockShortcut(onLock);

  return (
    <div className="shell">
      <TopBar name={session.name} path={session.path} checking={checking} onLock={onLock} />
      <div className="shell__body">
        <Sidebar current={section} onSelect={setSection} />
        <main className="shell__main" id="main">
          <div className="shell__content">
            {showReport ? <ReportBanner report={report} onDismiss={() => setDismissed(problemKey)} /> : null}
            {section === 'interviews' ? <InterviewsScreen /> : null}
            {section === 'people' ? <PeopleScreen /> : null}
            {section === 'search' ? <SearchScreen /> : null}
            {section === 'audit' ? <AuditLogScreen chainIntact={report.auditChainIntact} /> : null}
            {section === 'settings' ? <SettingsScreen session={session} /> : null}
          </div>
        </main>
      </div>
    </div>
  );
}
