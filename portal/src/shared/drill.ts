import type { LocationQueryRaw, RouteLocationRaw } from 'vue-router'

// Every figure the services send carries the API address of the list it counts ("href"). A drill
// rule turns such an address into the portal page that shows that list; each module brings its own.

export interface DrillRule {
  /** The API path the rule answers (exact), or a pattern whose groups the target receives. */
  api: string | RegExp
  /** The portal page for it; the API's query string is passed on unless the rule maps it. */
  to: (query: Record<string, string>, groups: string[]) => RouteLocationRaw
}

export function resolveDrill(rules: readonly DrillRule[], href: string | null | undefined): RouteLocationRaw | undefined {
  if (!href) return undefined
  const url = new URL(href, 'http://portal.invalid')
  const query = Object.fromEntries(url.searchParams.entries())
  for (const rule of rules) {
    if (typeof rule.api === 'string') {
      if (rule.api === url.pathname) return rule.to(query, [])
    } else {
      const match = rule.api.exec(url.pathname)
      if (match) return rule.to(query, match.slice(1))
    }
  }
  return undefined
}

/** A page with the API's filters as its query. */
export function page(path: string, extra: LocationQueryRaw = {}) {
  return (query: Record<string, string>): RouteLocationRaw => ({ path, query: { ...query, ...extra } })
}

/** A figure's list narrowed by one more filter: withParam('/api/x?year=2020', 'kind', 'wage') → '/api/x?year=2020&kind=wage'. */
export function withParam(href: string, key: string, value: string | number): string {
  const url = new URL(href, 'http://portal.invalid')
  url.searchParams.set(key, String(value))
  return url.pathname + url.search
}
