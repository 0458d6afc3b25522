import type { Interview, InterviewFilter, SearchHit } from '../../shared/domain';
import { matchesFilter } from '../catalog/heads';
import { opening, snippet, type ParsedQuery } from '../search/index';
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

function snippetFor(s: Session, kind: SearchHit['kind'], id: string, words: ParsedQuery): string {
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

/**
 * The snippet quotes the note as written: the prose (summary, then notes) around the match, else the field values
 * a reader sees (place, interviewer, tags) around it, else (a match in the title, or in values shown elsewhere)
 * the opening of the prose without a highlight. Never the index's text (folded words, incident-type slugs).
 */
export function snippetOf(i: Interview, words: ParsedQuery): string {
  // Cut the excerpt from the raw prose first, then clean only the excerpt: cleaning whole notes for every
  // hit would cost more than the search itself.
  const prose = `${i.summary}\n\n${i.body}`;
  const excerpt =
    snippet(prose, words) ??
    snippet([i.place.country, i.place.city, i.place.district, i.interviewer, ...i.tags].filter(Boolean).join(' · '), words) ??
    opening(prose.slice(0, 600));
  return plainProse(excerpt).replace(/\*\*|__|`/g, '').replace(/\n/g, ' ').trim();
}
