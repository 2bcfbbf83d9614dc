import 'server-only';

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/**
 * Picks the handler for one value of a path parameter (`{kind}`, `{action}`), so that each
 * endpoint behind a dynamic segment keeps its own `route()` spec — its own body schema, metrics
 * name and checks — while sharing the folder. Other values go to `fallback`.
 */
export function byParam(param: string, handlers: Record<string, Handler>, fallback: Handler): Handler {
  return async (request, context) => {
    const value = (await context.params)[param];
    const handler = typeof value === 'string' && Object.prototype.hasOwnProperty.call(handlers, value) ? handlers[value] : undefined;
    return (handler ?? fallback)(request, context);
  };
}
