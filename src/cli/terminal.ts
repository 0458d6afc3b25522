// ---------------------------------------------------------------------------------------------------------
// What the command line prints to a terminal that came from the user or the vault (arguments, paths, titles,
// labels, snippets, file names) goes through here. A terminal obeys what it is sent: ESC sequences retitle the
// window, write the clipboard (OSC 52), rewrite earlier lines, hide text; a newline in a title forges a line of
// output; bidirectional overrides (U+202A-U+202E, U+2066-U+2069) reorder what is shown. Every C0 and C1 control,
// DEL, the bidi controls (and the invisible marks U+200E, U+200F, U+061C) and the line and paragraph separators
// U+2028/U+2029 are shown escaped instead (\x1B, \u202E), so nothing is hidden and nothing is obeyed. --json
// output is not passed through here: JSON is exact, and its readers decode the escapes themselves.
// ---------------------------------------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- the same, keeping the newlines and tabs that lay out text
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

const escape = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** One field on one line (a title, a label, a path, an argument): every control shown escaped, newlines and tabs too. */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Several lines of text (redacted text, a command's whole output): as forTerminal, but newlines and tabs kept. */
export function forTerminalText(text: string): string {
  return text.replace(UNSAFE_IN_TEXT, escape);
}
