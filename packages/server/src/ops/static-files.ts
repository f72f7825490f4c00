import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The built web app: files under `root` as they are, anything else (client-side routes) gets index.html.
 * Returns undefined when there is no build, so the caller answers 404.
 */
export function staticFiles(root: string | undefined) {
  const folder = root ? resolve(root) : undefined;
  const available = folder !== undefined && existsSync(join(folder, 'index.html'));
  return async (c: Context): Promise<Response | undefined> => {
    if (!available || !folder) return undefined;
    const wanted = normalize(decodeURIComponent(c.req.path)).replace(/^([/\\])+/, '');
    const path = resolve(folder, wanted);
    const inside = path === folder || path.startsWith(`${folder}${sep}`);
    const info = inside ? await stat(path).catch(() => undefined) : undefined;
    if (info?.isFile()) {
      const immutable = wanted.startsWith('assets/');
      return c.body(new Uint8Array(await readFile(path)), 200, {
        'Content-Type': contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (extname(wanted) !== '' && !wanted.endsWith('.html')) return undefined;
    return c.body(new Uint8Array(await readFile(join(folder, 'index.html'))), 200, {
      'Content-Type': contentTypes['.html'] as string,
      'Cache-Control': 'no-cache',
    });
  };
}
