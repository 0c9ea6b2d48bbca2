/** Paths with parameters, as the metrics name them: one label per route, whatever names and ids it is called with. */
const PARAMETERIZED: [RegExp, string][] = [
  [/^\/rooms\/[^/]+\/members\/[^/]+$/, '/rooms/:id/members/:username'],
  [/^\/rooms\/[^/]+\/members$/, '/rooms/:id/members'],
  [/^\/rooms\/[^/]+$/, '/rooms/:id'],
  [/^\/conversations\/[^/]+\/settings$/, '/conversations/:id/settings'],
  [/^\/invites\/[^/]+$/, '/invites/:id'],
  [/^\/me\/sessions\/[^/]+$/, '/me/sessions/:id'],
  [/^\/admin\/users\/[^/]+\/(suspend|unsuspend)$/, '/admin/users/:name/$1'],
];

/**
 * The route label of a request path: the path itself for a route of `fixed`, the pattern for one
 * with parameters, and `other` for anything else, so that no label is made from what a client chose.
 */
export function routeLabel(path: string, fixed: ReadonlySet<string>): string {
  if (fixed.has(path)) return path;
  for (const [pattern, label] of PARAMETERIZED) if (pattern.test(path)) return path.replace(pattern, label);
  return 'other';
}
