import { InterviewEditorLoader } from './InterviewEditor';
import { InterviewList } from './InterviewList';

/** Interviews: the list, or one interview open in the editor. */
export function InterviewsScreen({ id, onNew }: { readonly id?: string; readonly onNew: () => void }) {
  return id ? <InterviewEditorLoader key={id} id={id} /> : <InterviewList onNew={onNew} />;
}
