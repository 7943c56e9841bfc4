import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/http'

/** Shows why a call failed, in the service's own (Chinese) words. */
export function notifyError(error: unknown, fallback = '操作失败') {
  const text = error instanceof ApiError ? error.messages.join('；') : fallback
  ElMessage({ type: 'error', message: text, duration: 6000, showClose: true })
}
