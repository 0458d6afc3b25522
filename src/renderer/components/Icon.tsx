/** A small set of stroke icons drawn inline (no icon font, no remote assets). Decorative unless labelled. */
export type IconName =
  | 'logo'
  | 'lock'
  | 'interviews'
  | 'people'
  | 'search'
  | 'audit'
  | 'settings'
  | 'eye'
  | 'eye-off'
  | 'warning'
  | 'check'
  | 'info'
  | 'folder'
  | 'key'
  | 'error'
  | 'filter'
  | 'plus'
  | 'trash'
  | 'history'
  | 'back'
  | 'copy'
  | 'link'
  | 'close'
  | 'arrow-up'
  | 'arrow-down'
  | 'export'
  | 'redact'
  | 'undo'
  | 'shield-off'
  | 'brief'
  | 'chevron'
  | 'inbox'
  | 'travel';

const paths: Record<IconName, readonly string[]> = {
  logo: ['M12 2.5 4 5.5v6c0 5 3.4 8.6 8 10 4.6-1.4 8-5 8-10v-6l-8-3Z', 'M9.5 11V9.5a2.5 2.5 0 0 1 5 0V11', 'M8.5 11h7v5h-7z'],
  lock: ['M6 10.5h12v9.5H6z', 'M8.5 10.5V7.5a3.5 3.5 0 0 1 7 0v3'],
  interviews: ['M6 3h8.5L19 7.5V21H6z', 'M14 3v5h5', 'M9 12.5h7', 'M9 16h7'],
  people: ['M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Z', 'M2.5 20c.6-3.4 3.2-5.5 6.5-5.5s5.9 2.1 6.5 5.5', 'M16 4.3a3.5 3.5 0 0 1 0 6.4', 'M18 14.8c2 .7 3.2 2.4 3.5 5.2'],
  search: ['M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13Z', 'm15.5 15.5 5 5'],
  audit: ['M8 6h12', 'M8 12h12', 'M8 18h12', 'M3.5 6h.01', 'M3.5 12h.01', 'M3.5 18h.01'],
  settings: ['M4 7h10', 'M18 7h2', 'M4 17h2', 'M10 17h10', 'M16 9a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z', 'M8 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z'],
  eye: ['M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12Z', 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z'],
  'eye-off': ['M3 3l18 18', 'M10.6 5.6A9.6 9.6 0 0 1 12 5.5c6 0 9.5 6.5 9.5 6.5a16 16 0 0 1-2.9 3.6', 'M6.3 6.9C3.9 8.6 2.5 12 2.5 12S6 18.5 12 18.5a9 9 0 0 0 4.4-1.1', 'M9.9 9.9a3 3 0 0 0 4.2 4.2'],
  warning: ['M12 3.5 2.5 20h19L12 3.5Z', 'M12 10v4.5', 'M12 17.3h.01'],
  check: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Z', 'm8 12.3 2.7 2.7L16.2 9.5'],
  info: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Z', 'M12 11v5.5', 'M12 7.7h.01'],
  error: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Z', 'M12 7.5v5.5', 'M12 16.3h.01'],
  folder: ['M3 6.5A1.5 1.5 0 0 1 4.5 5h4.7l2 2.5h8.3A1.5 1.5 0 0 1 21 9v9.5a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z'],
  filter: ['M4 5h16', 'M7 12h10', 'M10 19h4'],
  plus: ['M12 5v14', 'M5 12h14'],
  trash: ['M4.5 6.5h15', 'M9.5 6.5V4.5h5v2', 'M6.5 6.5l1 13.5h9l1-13.5', 'M10 10.5v6', 'M14 10.5v6'],
  history: ['M3.5 12a8.5 8.5 0 1 0 2.6-6.1', 'M3.5 4.5v4h4', 'M12 7.5V12l3 2'],
  back: ['M19 12H5', 'm11 18-6-6 6-6'],
  inbox: ['M3.5 13.5 6 5h12l2.5 8.5V19h-17z', 'M3.5 13.5h5l1 2.5h5l1-2.5h5'],
  copy: ['M8.5 8.5h11v11h-11z', 'M15.5 8.5v-4h-11v11h4'],
  link: ['M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1', 'M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1'],
  close: ['M6 6l12 12', 'M18 6 6 18'],
  'arrow-up': ['M12 19V5', 'm6 11 6-6 6 6'],
  'arrow-down': ['M12 5v14', 'm6 13 6 6 6-6'],
  export: ['M12 14V3.5', 'm7.5 8 4.5-4.5L16.5 8', 'M5 12.5V19a1.5 1.5 0 0 0 1.5 1.5h11A1.5 1.5 0 0 0 19 19v-6.5'],
  redact: ['M4 6.5h16', 'M4 12h6.5', 'M4 17.5h16', 'M13.5 10h6.5v4h-6.5z'],
  key: ['M8 15.5a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z', 'M11.5 11.5H21', 'M18 11.5v3', 'M15 11.5v2'],
  undo: ['M9 14.5 4 9.5l5-5', 'M4 9.5h10.5a5.5 5.5 0 0 1 0 11H11'],
  /** Never redact: a shield struck through. */
  /** A brief: pages stacked, many interviews in one document. */
  brief: ['M8 3.5h8.5L20 7v11.5H8z', 'M16.5 3.5V7H20', 'M5 6.5v14.5h11', 'M11 11h6', 'M11 14.5h6'],
  /** A disclosure's arrow, pointing right (turned down by CSS when open). */
  chevron: ['m9.5 6 6 6-6 6'],
  'shield-off': ['M19.2 13.5c.5-1.2.8-2.5.8-4V5.5l-8-3-4.6 1.7', 'M5.2 5.2 4 5.5v6c0 5 3.4 8.6 8 10 2.2-.7 4.1-1.9 5.5-3.5', 'M3 3l18 18'],
  /** Travel mode: a suitcase. */
  travel: ['M4 8h16v11.5H4z', 'M9 8V5.5h6V8', 'M8 8v11.5', 'M16 8v11.5'],
};

export function Icon({ name, className, label }: { readonly name: IconName; readonly className?: string; readonly label?: string }) {
  return (
    <svg
      className={['icon', className].filter(Boolean).join(' ')}
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
    >
      {paths[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
