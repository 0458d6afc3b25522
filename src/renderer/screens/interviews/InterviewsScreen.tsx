import { ExportReviewScreen } from '../export/ExportReviewScreen';
import { InterviewEditorLoader } from './InterviewEditor';
import { InterviewList } from './InterviewList';

/** Interviews: the list, one interview open in the editor, or its export review. */
export function InterviewsScreen({ id, view, onNew }: { readonly id?: string; readonly view?: 'export'; readonly onNew: () => void }) {
  if (id && view === 'export') return <ExportReviewScreen key={`${id}-export`} id={id} />;
  return id ? <InterviewEditorLoader key={id} id={id} /> : <InterviewList onNew={onNew} />;
}
