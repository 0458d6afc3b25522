import type { Interview, InterviewFilter, SearchHit } from '../../shared/domain';
import { interviewText, matchesFilter } from '../catalog/heads';
import { snippet } from '../search/index';
import { plainProse } from '../search/plain';
import { getInterview } from './interviews';
import type { Session } from './session';

/** Search over the index in memory, and the snippets shown with its hits. */

export function search(s: Session, query: string, limit: number, kinds?: readonly SearchHit['kind'][], filter?: InterviewFilter): SearchHit[] {
  const codeOf = (id: string) => s.people.get(id)?.code;
  const filtering = filter !== undefined && Object.values(filter).some((v) => v !== undefined && v !== '');
  const accept = filtering
    ? (h: { kind: SearchHit['kind']; id: string }) => h.kind === 'interview' && matchesFilter(s.heads.get(h.id)!, filter, codeOf)
    : undefined;
  const { heads, words } = s.index.match(query, { limit, kinds, accept });
  return heads.map((h) => ({ ...h, snippet: snippetFor(s, h.kind, h.id, words) }));
}

function snippetFor(s: Session, kind: SearchHit['kind'], id: string, words: readonly string[]): string {
  switch (kind) {
    case 'person': {
      // Register matches show the code name only: a snippet would put a real name on screen.
      return '';
    }
    case 'interview':
      try {
        // Prefer the prose (summary, then notes) over field values; Markdown markup is not shown.
        return snippetOf(getInterview(s, id), words);
      } catch {
        return '';
      }
  }
}

function snippetOf(i: Interview, words: readonly string[]): string {
  // Cut the excerpt from the raw prose first, then clean only the excerpt: cleaning whole notes for every
  // hit would cost more than the search itself.
  const fromProse = snippet(`${i.summary}\n\n${i.body}`, words);
  // snippet() falls back to the opening text when nothing matches; then the match is in a field value.
  const excerpt = fromProse.includes('«') ? fromProse : snippet(interviewText(i), words);
  return plainProse(excerpt).replace(/\*\*|__|`/g, '').replace(/\n/g, ' ');
}
