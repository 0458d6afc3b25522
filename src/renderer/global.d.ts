import type { FieldvaultApi } from '../shared/api';

declare global {
  interface Window {
    /** Put there by the Electron preload, or by the preview bridge in a browser tab. */
    fieldvault?: FieldvaultApi;
  }
}

declare module '*.css';

export {};
