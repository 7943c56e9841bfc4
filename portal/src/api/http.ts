// The portal's one way to call the platform: same origin, the session cookie (HttpOnly, never read
// here), and the portal header the gateway requires on every change (a cross-site form cannot add it).

export const PortalHeader = 'X-Platform-Portal'

/** An RFC 9457 problem the platform answered with (titles and details are Chinese, for county staff). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: Record<string, string[]> = {},
  ) {
    super(detail ? `${title}：${detail}` : title)
  }

  /** Every message of the problem, field errors included, for a notification. */
  get messages(): string[] {
    const fields = Object.values(this.errors).flat()
    return [this.detail && !fields.length ? `${this.title}：${this.detail}` : this.title, ...fields]
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

/** A path with its query string; empty values are left out. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path
}

let onUnauthorized: () => void = () => {}

/** What to do when the session has ended (the gateway answers 401): back to the sign-in page. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler
}

async function problemOf(response: Response): Promise<ApiError> {
  let body: { title?: string; detail?: string; errors?: Record<string, string[]> } = {}
  try {
    body = await response.json()
  } catch {
    // not a problem document
  }
  const fallback: Record<number, string> = {
    400: '请求有误',
    401: '登录已失效，请重新登录',
    403: '无权进行此操作',
    404: '未找到',
    409: '操作冲突，请刷新后重试',
    423: '账户已锁定',
    429: '请求过于频繁，请稍后再试',
  }
  return new ApiError(
    response.status,
    body.title ?? fallback[response.status] ?? `服务暂不可用（${response.status}）`,
    body.detail,
    body.errors ?? {},
  )
}

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      [PortalHeader]: '1',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) {
    const problem = await problemOf(response)
    if (response.status === 401 && !path.startsWith('/portal/')) onUnauthorized()
    throw problem
  }
  return response
}

async function json<T>(response: Response): Promise<T> {
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T)
}

export const api = {
  async get<T>(path: string, query?: Query): Promise<T> {
    return json<T>(await send('GET', withQuery(path, query)))
  },
  /** POST; with an idempotency key a retry of the same creation is answered, not repeated. */
  async post<T>(path: string, body: unknown = {}, idempotencyKey?: string): Promise<T> {
    return json<T>(await send('POST', path, body, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}))
  },
  /** Fetches a generated file (an Excel export) and hands it to the browser as a download. */
  async download(path: string, query: Query, fallbackName: string): Promise<void> {
    const response = await send('GET', withQuery(path, query), undefined, {
      Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/problem+json',
    })
    const blob = await response.blob()
    const name = fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName
    const url = URL.createObjectURL(blob)
    const link = document.createElement('a')
    link.href = url
    link.download = name
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  },
}

/** The file name of a Content-Disposition header (RFC 6266 filename* first, for Chinese names). */
export function fileNameOf(header: string | null): string | undefined {
  if (!header) return undefined
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (extended) return decodeURIComponent(extended[1].trim())
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header)
  return plain?.[1]
}

/** A fresh key for a creating POST, kept by the form so a retried submit is not a second record. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID()
}
