import { onMounted, ref, shallowRef, type Ref } from 'vue'
import { useRouter } from 'vue-router'
import { drillRules } from '@/modules'
import { resolveDrill } from '@/shared/drill'
import { hrefOf, type ChartClick } from '@/shared/charts'
import { loadChartFont } from '@/shared/fonts'
import { notifyError } from '@/shared/notify'
import { painted } from '@/shared/ready'

export interface FiguresEvents {
  ready?: () => void
  failed?: () => void
}

/**
 * A module's figures and their charts, as every figures page and dashboard panel shows them: the answer
 * loaded (again when asked), the charts' font subsets loaded before they are drawn, "ready" once the
 * figures are painted, and a clicked bar or slice opened as the list it counts.
 */
export function useFigures<T>(load: (year?: number) => Promise<T>, charts: () => unknown[], failure: string, events: FiguresEvents = {}) {
  const router = useRouter()
  // Shown, never edited: a shallow ref (no reactive proxy over every row of the answer).
  const figures = shallowRef<T>() as Ref<T | undefined>
  /** The year the page asks for (a year select); none: the service's default. */
  const year = ref<number>()
  const chartsReady = ref(false)
  const ready = ref(false)

  async function show() {
    ready.value = false
    try {
      figures.value = await load(year.value)
      await loadChartFont(charts())
      chartsReady.value = true
      await painted()
      ready.value = true
      events.ready?.()
    } catch (e) {
      notifyError(e, failure)
      events.failed?.()
    }
  }

  function drill(event: ChartClick) {
    const target = resolveDrill(drillRules, hrefOf(event))
    if (target) void router.push(target)
  }

  function pickYear(value: number | undefined) {
    year.value = value
    void show()
  }

  onMounted(show)

  return { figures, chartsReady, ready, drill, year, pickYear }
}
