import { useRef, type ReactNode } from 'react';
import { useMounted } from '../hooks/useMounted';
import { useShowEnd } from '../hooks/useShowEnd';
import { Button } from './Button';
import { Icon } from './Icon';

export interface FilePickerProps {
  /** The input's id, for the label the screen puts above it. */
  readonly id: string;
  readonly path: string;
  /** A path typed (the developer preview) or chosen in the system's dialog. */
  readonly onPath: (path: string, how: 'typed' | 'chosen') => void;
  /**
   * Opens the system's file dialog and answers the path, or null when cancelled. Null where there is no
   * dialog (the developer preview): the path is then typed.
   */
  readonly choose: (() => Promise<string | null>) | null;
  readonly chooseLabel: ReactNode;
  /** Shown in the empty read-only input until a file is chosen. */
  readonly placeholder: string;
  readonly busy?: boolean;
  /** The button alone is off (e.g. nothing to export yet); the typed input stays usable. */
  readonly chooseDisabled?: boolean;
  /** A folder icon on the button, where the row stands alone in a form. */
  readonly icon?: boolean;
  /** Enter in a typed path, e.g. to export at once. */
  readonly onEnter?: () => void;
  readonly describedBy?: string;
  readonly invalid?: boolean;
}

/**
 * Where a file goes or comes from. With native dialogs the path is chosen with a button and shown read-only,
 * scrolled to its end so the file's name shows; without them it is typed.
 */
export function FilePicker({ id, path, onPath, choose, chooseLabel, placeholder, busy = false, chooseDisabled = false, icon = false, onEnter, describedBy, invalid }: FilePickerProps) {
  const mounted = useMounted();
  const inputRef = useRef<HTMLInputElement>(null);
  useShowEnd(inputRef, path, choose !== null);
  const common = {
    id,
    ref: inputRef,
    className: 'input input--mono',
    value: path,
    autoComplete: 'off',
    spellCheck: false,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
  } as const;
  if (choose === null) {
    return (
      <input
        {...common}
        readOnly={busy}
        onChange={(e) => onPath(e.target.value, 'typed')}
        onKeyDown={
          onEnter
            ? (e) => {
                if (e.key === 'Enter') onEnter();
              }
            : undefined
        }
      />
    );
  }
  return (
    <div className="input-row">
      <input {...common} title={path || undefined} placeholder={placeholder} readOnly />
      <Button
        onClick={async () => {
          const chosen = await choose();
          if (chosen && mounted.current) onPath(chosen, 'chosen');
        }}
        disabled={busy || chooseDisabled}
      >
        {icon ? <Icon name="folder" /> : null}
        {chooseLabel}
      </Button>
    </div>
  );
}
