import { snippetParts } from '../../shared/snippet';

/**
 * A search snippet: the note's own text (its quotation marks included) with the matched words between the markers
 * of src/shared/snippet.ts; they are shown as <mark>, everything else as text.
 */
export function Snippet({ text, className }: { readonly text: string; readonly className?: string }) {
  return (
    <p className={className}>
      {snippetParts(text).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </p>
  );
}
