/** One handler exported for every method a route handler may be asked with. */
export function everyMethod(handler: (request: Request) => Response) {
  return {
    GET: handler,
    POST: handler,
    PUT: handler,
    PATCH: handler,
    DELETE: handler,
    OPTIONS: handler,
  };
}
