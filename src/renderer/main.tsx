import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ClipboardNotice } from './components/ClipboardNotice';
import { I18nProvider } from './i18n/I18nProvider';
import { applyTheme } from './theme';
import './styles/tokens.css';
import './styles/base.css';

async function start(): Promise<void> {
  // The system's theme until a vault with a choice of its own is unlocked.
  applyTheme('system');
  // Inside Electron the preload has already put the API on window. In a browser tab (the developer preview)
  // a small bridge provides the same API over the local preview server.
  if (!window.fieldvault) {
    const { installPreviewBridge } = await import('./preview-bridge');
    installPreviewBridge();
  }
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <App />
        <ClipboardNotice />
      </I18nProvider>
    </StrictMode>,
  );
}

void start();
