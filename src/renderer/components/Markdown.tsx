import MarkdownIt from 'markdown-it';
import { useMemo, type MouseEvent } from 'react';
import './Markdown.css';

/**
 * Markdown as the researcher wrote it: raw HTML is escaped (html: false), images are not rendered (nothing is
 * ever fetched), and links are shown but never followed from inside the vault.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true });
md.disable(['image']);

export function renderMarkdown(text: string): string {
  return md.render(text);
}

export function Markdown({ text, className, empty }: { readonly text: string; readonly className?: string; readonly empty?: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  const stop = (e: MouseEvent) => {
    if ((e.target as HTMLElement).closest('a')) e.preventDefault();
  };
  if (!text.trim()) return <p className="markdown markdown--empty">{empty ?? ''}</p>;
  // markdown-it with html disabled escapes every tag in the source; the output is its own markup only.
  return <div className={['markdown', className].filter(Boolean).join(' ')} onClick={stop} dangerouslySetInnerHTML={{ __html: html }} />;
}
