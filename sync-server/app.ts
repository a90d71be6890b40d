import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { healthRoutes } from './routes/health.ts';
import { homeRoutes } from './routes/home.ts';
import { templateRoutes } from './routes/templates.ts';

/** The HTTP application: small route modules mounted on one Hono app; errors answered as JSON. */
export function createApp(): Hono {
  const app = new Hono();
  app.route('/', healthRoutes);
  app.route('/', templateRoutes);
  app.route('/', homeRoutes);
  app.notFound((c) => c.json({ error: `Nothing at ${c.req.path}.` }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    console.error(error);
    return c.json({ error: 'Something went wrong on the server; it has been logged.' }, 500);
  });
  return app;
}
