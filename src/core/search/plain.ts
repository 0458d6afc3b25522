/**
 * Markdown as a reader sees it, for search snippets: headings, emphasis, code marks, quotes, list bullets and
 * link targets removed; the words stay. Not a renderer: just enough that "**Бишкек**" reads as "Бишкек".
 */
export function plainProse(markdown: string): string {
  return markdown
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    // Emphasis only at word edges: snake_case_word and 2*3*4 keep their characters.
    .replace(/(^|[^\p{L}\p{N}])(\*\*|__|\*|_|~~|`+)(?=\S)([^\n]*?\S)\2(?![\p{L}\p{N}])/gmu, '$1$3')
    .replace(/^\s*([-*_]\s*){3,}$/gm, '')
    .replace(/\n{2,}/g, '\n');
}
