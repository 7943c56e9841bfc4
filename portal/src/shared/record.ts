import { onMounted, ref, watch, type Ref } from 'vue'
import { useRoute } from 'vue-router'
import { api, ApiError } from '@/api/http'
import { notifyError } from '@/shared/notify'

/**
 * One record of a module's page (/…/:id): loaded from the service, again when the address changes. A record
 * the service does not find — or that lies outside the user's scope, which the service answers alike — is
 * "missing", shown as such rather than as an error.
 */
export function useRecord<T>(path: (id: string) => string, failure: string) {
  const route = useRoute()
  const record = ref<T>() as Ref<T | undefined>
  const missing = ref(false)

  async function load() {
    const id = route.params.id
    if (typeof id !== 'string') return
    missing.value = false
    try {
      record.value = await api.get<T>(path(id))
    } catch (e) {
      record.value = undefined
      if (e instanceof ApiError && e.status === 404) missing.value = true
      else notifyError(e, failure)
    }
  }

  watch(() => route.params.id, load, { immediate: true })
  return { record, missing, load, id: () => String(route.params.id) }
}

/**
 * A module's section of the household 360 view: its records of the household loaded once, then "ready" (a
 * failure too, so the page and its print never wait for ever). A pillar that has not received the household
 * from the registry yet answers 404: the section says so instead of raising an error.
 */
export function useSection(load: () => Promise<void>, failure: string, ready: () => void) {
  const unknown = ref(false)
  onMounted(async () => {
    try {
      await load()
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) unknown.value = true
      else notifyError(e, failure)
    } finally {
      ready()
    }
  })
  return { unknown }
}

/** What a record's page shows beside the record (its links, cases, tests…), loaded again whenever the record is. */
export function useRelated<R, T>(record: Ref<R | undefined>, load: (record: R) => Promise<T>, failure: string) {
  const related = ref<T>() as Ref<T | undefined>
  async function reload() {
    if (!record.value) return
    try {
      related.value = await load(record.value)
    } catch (e) {
      notifyError(e, failure)
    }
  }
  watch(record, reload)
  return { related, reload }
}

/** A pillar's file of one household for its section of the 360 view (GET path): the answer, or "unknown" to the pillar yet. */
export function useHouseholdFile<T>(path: string, failure: string, ready: () => void, more?: (file: T) => Promise<void>) {
  const file = ref<T>() as Ref<T | undefined>
  const { unknown } = useSection(async () => {
    file.value = await api.get<T>(path)
    await more?.(file.value)
  }, failure, ready)
  return { file, unknown }
}
