import { dateTime } from '@/shared/format'

export function format(now: Date): string {
  return dateTime(now.toISOString())
}
