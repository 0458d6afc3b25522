/** Vite's ?inline import: the CSS file's text, for a constructed stylesheet. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
