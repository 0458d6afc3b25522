import { useCallback, useEffect, useRef, useState } from 'react';
import { call, onLocked, onLockRequested } from './api';
import { flushAll } from './lock/flush';
import { CreateVaultScreen } from './screens/CreateVaultScreen';
import { UnlockScreen } from './screens/UnlockScreen';
import type { LockReason, Session } from './session';
import { AppShell } from './shell/AppShell';
import { DEFAULT_VAULT_PATH } from './vault-name';


type Phase =
  | { readonly kind: 'starting' }
  | { readonly kind: 'locked'; readonly mode: 'unlock' | 'create' }
  | { readonly kind: 'unlocked'; readonly session: Session };

/**
 * The top of the renderer: locked (unlock or create) or unlocked (the app shell). Locking replaces the whole
 * unlocked tree, so every record, list and form value held in React state goes with it; a new `epoch` key
 * makes sure nothing is reused, not even the inputs of the unlock screen.
 */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  // The vault location is kept across locks so unlocking again is one field, not two. It is a folder name,
  // not content.
  const [vaultPath, setVaultPath] = useState(DEFAULT_VAULT_PATH);
  const [notice, setNotice] = useState<string | null>(null);
  const [epoch, setEpoch] = useState(0);
  const locking = useRef(false);
  const unlocked = useRef(false);
  unlocked.current = phase.kind === 'unlocked';

  useEffect(() => {
    let alive = true;
    void (async () => {
      // A renderer that starts fresh (reload, new window) never inherits an unlocked vault.
      const status = await call('vault.status', {});
      if (status.ok && status.value.state === 'unlocked') {
        await call('vault.lock', {});
        if (alive) setVaultPath(status.value.path);
      }
      if (!alive) return;
      if (!status.ok) setNotice(status.error.message);
      setPhase({ kind: 'locked', mode: 'unlock' });
    })();
    return () => {
      alive = false;
    };
  }, []);

  /**
   * Every lock goes through here. Pending edits are sent first (their requests leave at once and are awaited,
   * at most about a second), the unlocked tree is dropped right away so nothing stays on screen, and only
   * then is the core asked to lock. 'external' means the core is already locked (main did it): nothing to save.
   */
  const lock = useCallback((reason: LockReason) => {
    if (!unlocked.current) {
      // nothing on screen to save; answer a request from main at once so it need not wait
      if (reason === 'requested') void call('vault.lock', {});
      return;
    }
    if (locking.current) return;
    locking.current = true;
    const saved = reason === 'external' ? Promise.resolve() : flushAll(1200);
    setEpoch((n) => n + 1);
    setPhase({ kind: 'locked', mode: 'unlock' });
    setNotice(reason === 'user' ? null : reason === 'idle' ? 'The vault was locked after a period of inactivity.' : 'The vault was locked automatically.');
    void saved
      .then(() => call('vault.lock', reason === 'external' ? {} : { reason }))
      .finally(() => {
        locking.current = false;
      });
  }, []);

  useEffect(() => onLocked(() => lock('external')), [lock]);
  useEffect(() => onLockRequested(() => lock('requested')), [lock]);

  const opened = useCallback((session: Session) => {
    setVaultPath(session.path);
    setNotice(null);
    setEpoch((n) => n + 1);
    setPhase({ kind: 'unlocked', session });
  }, []);

  switch (phase.kind) {
    case 'starting':
      return <div className="starting" aria-busy="true" />;
    case 'locked':
      return phase.mode === 'unlock' ? (
        <UnlockScreen
          key={`unlock-${epoch}`}
          initialPath={vaultPath}
          notice={notice}
          onUnlocked={opened}
          onCreateVault={(path) => {
            setVaultPath(path);
            setNotice(null);
            setPhase({ kind: 'locked', mode: 'create' });
          }}
        />
      ) : (
        <CreateVaultScreen
          key={`create-${epoch}`}
          initialPath={vaultPath}
          onCreated={opened}
          onCancel={() => setPhase({ kind: 'locked', mode: 'unlock' })}
        />
      );
    case 'unlocked':
      return <AppShell key={`shell-${epoch}`} session={phase.session} onLock={lock} />;
  }
}
