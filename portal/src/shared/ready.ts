import { nextTick } from 'vue'

/** After the figures are in the DOM and painted once: the moment a user sees them. */
export async function painted(): Promise<void> {
  await nextTick()
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
}
