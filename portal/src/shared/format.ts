// How numbers, money, rates and dates read in the portal (zh-CN, Beijing time).

const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 })
const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** 48181 → "48,181"; missing → "—". */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : integer.format(value)
}

const measured = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 })

/** A measured quantity with its unit, up to two places: 4375 → "4,375 亩", 36.4 → "36.4 亩"; missing → "—". */
export function quantity(value: number | null | undefined, unit = ''): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : measured.format(value) + (unit ? ' ' + unit : '')
}

/** Money in yuan with two places: 4000 → "4,000.00 元". */
export function money(value: number | null | undefined, unit = ' 元'): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : yuan.format(value) + unit
}

/** A ratio (0.0123) as a percentage with the given places: "1.23%". */
export function percent(ratio: number | null | undefined, digits = 2): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—'
  return (ratio * 100).toFixed(digits) + '%'
}

/** A percentage the service already gives in percent (99.5) as "99.50%". */
export function percentOf(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits) + '%'
}

const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

function parts(format: Intl.DateTimeFormat, value: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(value).map((p) => [p.type, p.value]))
}

/** A date ("2020-10-17", or an instant) as 2020-10-17 in Beijing time. */
export function date(value: string | null | undefined): string {
  if (!value) return '—'
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const p = parts(dateFormat, new Date(value))
  return `${p.year}-${p.month}-${p.day}`
}

/** An instant as 2020-10-17 08:30 (Beijing time). */
export function dateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const p = parts(timeFormat, new Date(value))
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`
}

/** Today in Beijing as yyyy-MM-dd (the default date of a step or a visit). */
export function today(now: Date = new Date()): string {
  return date(now.toISOString())
}
