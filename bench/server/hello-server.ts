/** The baseline: a bare Hono route on @hono/node-server, the same stack the API runs on, doing nothing. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/hello', (c) => c.json({ hello: 'world' }));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`askdata serving on http://127.0.0.1:${info.port}`);
});
