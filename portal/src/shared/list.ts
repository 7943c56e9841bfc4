import { reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { api, type Query } from '@/api/http'
import type { Page } from '@/api/types'
import { notifyError } from '@/shared/notify'

/**
 * A paged list of a service, its filters kept in the page's address (so a drill-down lands on the
 * filtered list and a link can be shared): filters → ?query → GET path?filters&page&pageSize.
 */
export function usePagedList<T>(path: string | (() => string), filterKeys: readonly string[], pageSize = 20) {
  const route = useRoute()
  const router = useRouter()
  const here = route.path
  const filters = reactive<Record<string, string | undefined>>({})
  const items = ref<T[]>([]) as { value: T[] }
  const total = ref(0)
  const page = ref(1)
  const loading = ref(false)
  const loaded = ref(false)

  function fromAddress() {
    for (const key of filterKeys) {
      const value = route.query[key]
      filters[key] = typeof value === 'string' && value !== '' ? value : undefined
    }
    page.value = Number(route.query.page ?? 1) || 1
  }

  /** The filters as the service reads them (for the export of the same list too). */
  function query(): Query {
    return Object.fromEntries(filterKeys.map((k) => [k, filters[k]]))
  }

  async function load() {
    loading.value = true
    try {
      const result = await api.get<Page<T>>(typeof path === 'function' ? path() : path, { ...query(), page: page.value, pageSize })
      items.value = result.items
      total.value = result.total
      loaded.value = true
    } catch (e) {
      items.value = []
      total.value = 0
      notifyError(e, '列表加载失败')
    } finally {
      loading.value = false
    }
  }

  function search() {
    const q: Record<string, string> = {}
    for (const key of filterKeys) if (filters[key]) q[key] = filters[key]!
    void router.replace({ path: here, query: q })
  }

  function reset() {
    for (const key of filterKeys) filters[key] = undefined
    search()
  }

  function goTo(n: number) {
    void router.replace({ path: here, query: { ...route.query, page: String(n) } })
  }

  watch(
    () => route.fullPath,
    () => {
      if (route.path !== here) return
      fromAddress()
      void load()
    },
    { immediate: true },
  )

  return { filters, items, total, page, pageSize, loading, loaded, query, load, search, reset, goTo }
}
