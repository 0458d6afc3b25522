import type { Brief, BriefLanguage } from '../../shared/brief';
import { printableBrief } from '../brief/clean';
import { formatPeriod, labelsFor, quoted } from '../brief/labels';
import { incidentTable } from '../brief/table';

/**
 * A finished brief as Markdown or as plain text, with the same parts and labels as the Word and PDF writers:
 * title, period and count, method, the incidents table, then each interview under its brief-local code.
 * Every string in the brief is already redacted plain text; Markdown only escapes what would change its meaning.
 */

/** Plain text in Markdown: characters that would start a heading, list, quote or table, or mark emphasis, are escaped. */
function md(text: string): string {
  return text
    .replace(/([\\`*_<|~])/g, '\\$1')
    .replace(/\]\(/g, ']\\(')
    .replace(/^(\s*)([#>=]|[-+](?=\s))/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s)/gm, '$1\\$2');
}

function mdCell(text: string): string {
  return md(text).replace(/\s*\n\s*/g, ' ');
}

export function briefAsMarkdown(given: Brief, language: BriefLanguage): string {
  const brief = printableBrief(given);
  const l = labelsFor(language);
  const out: string[] = [`# ${md(brief.title).replace(/\n+/g, ' ')}`, ''];
  const facts = [formatPeriod(brief.period, language), l.interviews(brief.sections.length)].filter(Boolean).join(' · ');
  out.push(`*${l.documentKind}* · ${facts}`, '');
  out.push(`## ${l.method}`, '');
  for (const p of brief.method) out.push(md(p), '');
  out.push(`*${l.anonymity}*`, '');
  out.push(`## ${l.incidents}`, '');
  if (brief.incidents.length === 0) out.push(l.noIncidents, '');
  else {
    const t = incidentTable(brief, language);
    out.push(`| ${t.header.map(mdCell).join(' | ')} |`, '| --- | --- | --- | ---: |');
    for (const r of t.rows) out.push(`| ${r.map(mdCell).join(' | ')} |`);
    out.push(`| **${mdCell(t.total[0])}** | | | **${mdCell(t.total[1])}** |`, '');
  }
  out.push(`## ${l.sections}`, '');
  for (const s of brief.sections) {
    out.push(`### ${[s.code, s.heading].filter(Boolean).map((x) => md(x).replace(/\n+/g, ' ')).join(' · ')}`, '');
    if (s.details.length > 0) out.push(`*${s.details.map((d) => md(d).replace(/\n+/g, ' ')).join(' · ')}*`, '');
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') out.push(md(b.text), '');
      else out.push(md(quoted(b.text, language)).split('\n').map((line) => `> ${line}`).join('\n'), '');
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Columns padded to their widest cell: the table reads in any monospaced viewer and stays legible elsewhere. */
function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat(widths[c]! - [...cell].length))).join('  ').trimEnd());
}

export function briefAsText(given: Brief, language: BriefLanguage): string {
  const brief = printableBrief(given);
  const l = labelsFor(language);
  const flat = (s: string) => s.replace(/\s*\n\s*/g, ' ');
  const out: string[] = [l.documentKind.toUpperCase(), flat(brief.title), ''];
  const facts = [formatPeriod(brief.period, language), l.interviews(brief.sections.length)].filter(Boolean).join(' · ');
  out.push(facts, '');
  out.push(l.method.toUpperCase(), '');
  for (const p of brief.method) out.push(p, '');
  out.push(l.anonymity, '');
  out.push(l.incidents.toUpperCase(), '');
  if (brief.incidents.length === 0) out.push(l.noIncidents, '');
  else {
    const t = incidentTable(brief, language);
    out.push(...columns([t.header, ...t.rows.map((r) => r.map(flat))]), '', `${t.total[0]}: ${t.total[1]}`, '');
  }
  out.push(l.sections.toUpperCase(), '');
  for (const s of brief.sections) {
    out.push([s.code, flat(s.heading)].filter(Boolean).join(' · '));
    if (s.details.length > 0) out.push(s.details.map(flat).join(' · '));
    out.push('');
    for (const b of s.blocks) out.push(b.kind === 'paragraph' ? b.text : quoted(b.text, language), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
