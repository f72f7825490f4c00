/** Where `vite build` puts the web app; `askdata serve` serves this folder at `/` (SPA fallback to index.html). */
export const webDistUrl: URL = new URL('../dist/', import.meta.url);
