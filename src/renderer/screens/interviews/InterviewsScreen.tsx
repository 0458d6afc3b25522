import { ExportReviewScreen } from '../export/ExportReviewScreen';
import { InterviewEditorLoader, NewInterview } from './InterviewEditor';
import { InterviewList } from './InterviewList';

/** Interviews: the list, one interview open in the editor, its export review, or a new one (not yet in the vault). */
export function InterviewsScreen({ id, view, draft, onNew }: { readonly id?: string; readonly view?: 'export' | 'new'; readonly draft?: number; readonly onNew: () => void }) {
  if (id && view === 'export') return <ExportReviewScreen key={`${id}-export`} id={id} />;
  // each N starts a fresh draft (the key), even from another draft
  if (view === 'new') return <NewInterview key={`new-${draft ?? 0}`} />;
  return id ? <InterviewEditorLoader key={id} id={id} /> : <InterviewList onNew={onNew} />;
}
