import { createContext, memo, useContext, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { ExportField, ExportFinding, ExportReview } from '../../../shared/domain';
import { drawable, KIND_LABELS, originalChunks, originalOf, previewChunks, runs, type Decisions, type OriginalChunk, type PreviewPiece, type Span } from './redaction';
import { useT, type Translate } from '../../i18n/I18nProvider';

/**
 * The two texts of the review, drawn in stretches (redaction.ts CHUNK) so that a note of megabytes stays usable:
 * a stretch far from the view is its plain text (the same characters, so selections and offsets are unchanged, and
 * `content-visibility` spares the layout); near the view it gets its highlights. A decision redraws only the
 * stretches whose look it changes.
 */

type Near = (el: Element, onNear: () => void) => () => void;

const NearContext = createContext<Near | null>(null);

/** Tells stretches inside `root` (a scrolling pane) when they come within about two screens of its view. */
export function NearView({ root, children }: { readonly root: RefObject<HTMLElement | null>; readonly children: ReactNode }) {
  const [observe, setObserve] = useState<Near | null>(null);
  useEffect(() => {
    const waiting = new Map<Element, () => void>();
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue;
          waiting.get(e.target)?.();
          waiting.delete(e.target);
          io.unobserve(e.target);
        }
      },
      { root: root.current, rootMargin: '200% 0px' },
    );
    setObserve(() => (el: Element, onNear: () => void) => {
      waiting.set(el, onNear);
      io.observe(el);
      return () => {
        waiting.delete(el);
        io.unobserve(el);
      };
    });
    return () => io.disconnect();
  }, [root]);
  return <NearContext.Provider value={observe}>{children}</NearContext.Provider>;
}

/** Whether a stretch is (or has been) near the view; the first ones are drawn at once. */
function useNear(ref: RefObject<HTMLElement | null>, initially: boolean): boolean {
  const observe = useContext(NearContext);
  const [near, setNear] = useState(initially);
  useEffect(() => {
    if (near || !observe || !ref.current) return;
    return observe(ref.current, () => setNear(true));
  }, [near, observe, ref]);
  return near;
}

export interface FindingHandlers {
  readonly onToggle: (f: ExportFinding) => void;
  readonly onActive: (f: ExportFinding) => void;
  readonly onNeverRedact: (f: ExportFinding) => void;
}

/** Stretches drawn at once, before any observer reports: the first screens of a long text. */
const EAGER = 3;

/** A field's original with every finding: a switch per highlight, hand redactions marked. */
export function OriginalField({
  review,
  field,
  decisions,
  active,
  handlers,
}: {
  readonly review: ExportReview;
  readonly field: ExportField;
  readonly decisions: Decisions;
  readonly active: ExportFinding | null;
  readonly handlers: FindingHandlers;
}) {
  const original = originalOf(review, field);
  const chunks = useMemo(() => originalChunks(original, drawable(review.findings, field)), [review, original, field]);
  // Handlers change identity on every render of the screen; stretches read the latest through this.
  const latest = useRef(handlers);
  latest.current = handlers;
  const manual = useMemo(() => decisions.manual.filter((m) => m.field === field), [decisions, field]);
  // one pass over the findings per decision, not per render of the screen (a selection change renders it too)
  const looks = useMemo(() => chunks.map((c) => lookOf(original, c, decisions, manual, active)), [chunks, original, decisions, manual, active]);
  return (
    <>
      {chunks.map((c, i) => (
        <OriginalStretch
          key={c.start}
          review={review}
          field={field}
          chunk={c}
          eager={i < EAGER}
          look={looks[i]!}
          decisions={decisions}
          manual={manual}
          active={active}
          handlers={latest}
        />
      ))}
    </>
  );
}

/** Everything a stretch's drawing depends on, as one string: equal strings, nothing to redraw. */
function lookOf(original: string, c: OriginalChunk, d: Decisions, manual: readonly Span[], active: ExportFinding | null): string {
  let look = '';
  // as isRedacted() decides, with the field's text at hand (tens of thousands of findings on a long note)
  for (const f of c.findings) {
    const redacted = f.certainty === 'auto' ? !d.kept.has(original.slice(f.start, f.end)) : d.accepted.has(`${f.field}:${f.start}:${f.end}`);
    look += (redacted ? 'r' : 'k') + (f === active ? '*' : '');
  }
  for (const m of manual) if (m.start < c.end && m.end > c.start) look += `|${m.start}-${m.end}`;
  return look;
}

interface StretchProps {
  readonly review: ExportReview;
  readonly field: ExportField;
  readonly chunk: OriginalChunk;
  readonly eager: boolean;
  readonly look: string;
  readonly decisions: Decisions;
  readonly manual: readonly Span[];
  readonly active: ExportFinding | null;
  readonly handlers: RefObject<FindingHandlers>;
}

const OriginalStretch = memo(
  function OriginalStretch({ review, field, chunk, eager, decisions, manual, active, handlers }: StretchProps) {
    const ref = useRef<HTMLSpanElement>(null);
    // a context consumer: a change of language redraws the stretch despite the comparison below
    const t = useT();
    const near = useNear(ref, eager);
    const original = originalOf(review, field);
    return (
      <span ref={ref} className="review-chunk" data-chunk-start={chunk.start}>
        {near ? highlighted(t, original, field, chunk, decisions, manual, active, handlers) : original.slice(chunk.start, chunk.end)}
      </span>
    );
  },
  (a, b) => a.review === b.review && a.chunk === b.chunk && a.look === b.look && a.eager === b.eager,
);

function highlighted(
  t: Translate,
  original: string,
  field: ExportField,
  chunk: OriginalChunk,
  decisions: Decisions,
  manual: readonly Span[],
  active: ExportFinding | null,
  handlers: RefObject<FindingHandlers>,
): ReactNode[] {
  const text = (from: number, to: number): ReactNode[] =>
    runs(from, to, manual, field).map((r) => (
      <span key={r.start} className={r.manual ? 'run run--manual' : 'run'}>
        {original.slice(r.start, r.end)}
      </span>
    ));
  const out: ReactNode[] = [];
  let at = chunk.start;
  for (const f of chunk.findings) {
    if (f.start > at) out.push(...text(at, f.start));
    const redacted = f.certainty === 'auto' ? !decisions.kept.has(original.slice(f.start, f.end)) : decisions.accepted.has(`${f.field}:${f.start}:${f.end}`);
    const suggestion = f.certainty === 'suggestion';
    const label = t(suggestion ? 'export.findingLabelSuggestion' : 'export.findingLabel', { kind: t(KIND_LABELS[f.kind]), text: original.slice(f.start, f.end) });
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        handlers.current.onToggle(f);
      } else if ((e.key === 'n' || e.key === 'N') && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        handlers.current.onNeverRedact(f);
      }
    };
    out.push(
      <mark
        key={`f${f.start}`}
        className={['finding', `kind--${f.kind}`, suggestion ? 'finding--suggestion' : 'finding--auto', redacted ? 'finding--redacted' : 'finding--kept', active === f ? 'finding--active' : ''].filter(Boolean).join(' ')}
        role="switch"
        aria-checked={redacted}
        aria-label={label}
        aria-keyshortcuts="Enter Space N"
        tabIndex={0}
        title={t(suggestion ? 'export.findingTitleSuggestion' : 'export.findingTitle', { kind: t(KIND_LABELS[f.kind]), redacted: redacted ? 'yes' : 'no' })}
        onClick={() => {
          // a drag that selects text is not a click on the finding
          if (!window.getSelection()?.isCollapsed) return;
          handlers.current.onToggle(f);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => handlers.current.onActive(f)}
        onMouseEnter={() => handlers.current.onActive(f)}
      >
        {text(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  }
  if (at < chunk.end) out.push(...text(at, chunk.end));
  return out;
}

/** Offset of a DOM point inside a field's text element: counted from the start of its stretch, not of the field. */
export function offsetIn(el: HTMLElement, node: Node, offset: number): number {
  const from = node instanceof Element ? node : node.parentElement;
  const stretch = from?.closest<HTMLElement>('[data-chunk-start]');
  const base = stretch && el.contains(stretch) ? stretch : el;
  const r = document.createRange();
  r.setStart(base, 0);
  r.setEnd(node, offset);
  return (base === el ? 0 : Number(base.dataset.chunkStart)) + r.toString().length;
}

/** Brings the stretch holding `offset` of a field into view (its highlights are drawn once it is near). */
export function scrollToOffset(pane: HTMLElement | null, field: ExportField, offset: number): void {
  const stretches = pane?.querySelectorAll<HTMLElement>(`[data-field-text="${field}"] [data-chunk-start]`) ?? [];
  let target: HTMLElement | null = null;
  for (const s of stretches) if (Number(s.dataset.chunkStart) <= offset) target = s;
  target?.scrollIntoView({ block: 'center' });
}

function PieceSpan({ p }: { readonly p: PreviewPiece }) {
  const t = useT();
  return p.type === 'text' ? (
    <span>{p.text}</span>
  ) : p.type === 'kept' ? (
    <span className="out-kept" title={t('export.keptTitle')}>
      {p.text}
    </span>
  ) : (
    <span className={p.text === '[REDACTED]' ? `out-redacted kind--${p.kind}` : `out-replaced kind--${p.kind}`}>{p.text}</span>
  );
}

/** The redacted result of one field, in stretches like the original. */
export function PreviewPieces({ pieces }: { readonly pieces: readonly PreviewPiece[] }) {
  const chunks = useMemo(() => previewChunks(pieces), [pieces]);
  return (
    <>
      {chunks.map((c, i) => (
        <PreviewStretch key={i} pieces={c} eager={i < EAGER} />
      ))}
    </>
  );
}

/** Whether two stretches of the result read and look the same (then the one drawn stays as it is). */
function samePieces(a: readonly PreviewPiece[], b: readonly PreviewPiece[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.type !== y.type || x.text !== y.text || (x.type !== 'text' && y.type !== 'text' && x.kind !== y.kind)) return false;
  }
  return true;
}

const PreviewStretch = memo(
  function PreviewStretch({ pieces, eager }: { readonly pieces: readonly PreviewPiece[]; readonly eager: boolean }) {
    const ref = useRef<HTMLSpanElement>(null);
    const near = useNear(ref, eager);
    return (
      <span ref={ref} className="review-chunk">
        {near ? pieces.map((p, i) => <PieceSpan key={i} p={p} />) : pieces.map((p) => p.text).join('')}
      </span>
    );
  },
  (a, b) => a.eager === b.eager && samePieces(a.pieces, b.pieces),
);
