import { warmChartFontWith } from '@/shared/fonts'

// The dashboard asks for its panels' figures as soon as it opens, while the panels' code (and the
// chart library) still loads; each panel then takes the answer already on its way.
const pending = new Map<string, Promise<unknown>>()

export function prefetch<T>(key: string, load: () => Promise<T>): void {
  if (!pending.has(key)) pending.set(key, warmChartFontWith(load()))
}

/** The prefetched answer if there is one (once), else a fresh load. */
export function take<T>(key: string, load: () => Promise<T>): Promise<T> {
  const early = pending.get(key) as Promise<T> | undefined
  pending.delete(key)
  return early ?? load()
}
