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
import { useLockShortcut } from './useLockShortcut';
import './shell.css';

/** The unlocked app: top bar, section list, and the current section. Unmounted as a whole on lock. */
export function AppShell({ session, onLock }: { readonly session: Session; readonly onLock: () => void }) {
  const [section, setSection] = useState<SectionId>('interviews');
  const [showReport, setShowReport] = useState(reportHasProblems(session.report));
  useLockShortcut(onLock);

  return (
    <div className="shell">
      <TopBar name={session.name} path={session.path} onLock={onLock} />
      <div className="shell__body">
        <Sidebar current={section} onSelect={setSection} />
        <main className="shell__main" id="main">
          <div className="shell__content">
            {showReport ? <ReportBanner report={session.report} onDismiss={() => setShowReport(false)} /> : null}
            {section === 'interviews' ? <InterviewsScreen /> : null}
            {section === 'people' ? <PeopleScreen /> : null}
            {section === 'search' ? <SearchScreen /> : null}
            {section === 'audit' ? <AuditLogScreen chainIntact={session.report.auditChainIntact} /> : null}
            {section === 'settings' ? <SettingsScreen session={session} /> : null}
          </div>
        </main>
      </div>
    </div>
  );
}
