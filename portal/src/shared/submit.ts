import { notifyError } from '@/shared/notify'

/**
 * Runs a form's action with its button busy; a refusal is shown in the service's words and leaves the
 * form open as it was (nothing half-done: the services write all or nothing).
 */
export async function submitting(form: { busy: boolean }, failure: string, action: () => Promise<void>): Promise<void> {
  form.busy = true
  try {
    await action()
  } catch (e) {
    notifyError(e, failure)
  } finally {
    form.busy = false
  }
}
