/**
 * A small typed fetch client for the Fazhi API: JSON in and out, the session cookie, the CSRF header on
 * writes, and RFC 9457 problems turned into `ApiError`s.
 */

export interface FieldProblem {
  /** JSON pointer into the request, e.g. `/body/username` or `/body/roleIds/0`. */
  pointer: string;
  detail: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail: string;
  code?: string;
  traceId?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly traceId: string | undefined;
  readonly errors: FieldProblem[];

  constructor(p: Problem) {
    super(p.detail);
    this.name = 'ApiError';
    this.status = p.status;
    this.detail = p.detail;
    this.code = p.code ?? 'UNKNOWN';
    this.traceId = p.traceId;
    this.errors = p.errors ?? [];
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let csrfToken: string | null = null;
/** Set from `Me.csrfToken` after login or `GET /api/auth/me`. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Listener = (e: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();
/** Called when a request fails with 401 (the session expired or was ended); returns an unsubscribe. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not announce a 401 to the listeners (login and the initial `me` check expect it). */
  quiet401?: boolean;
  /** Return the body as text, exactly as sent (e.g. a signed receipt to save as a file). */
  text?: boolean;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      if (typeof body.detail === 'string') return new ApiError({ ...body, status: res.status } as Problem);
    } catch {
      // fall through to the generic problem
    }
  }
  const detail =
    res.status === 502 || res.status === 503 || res.status === 504
      ? '服务暂时不可用，请稍后重试'
      : `请求失败（${res.status}）`;
  return new ApiError({ status: res.status, detail, code: `HTTP_${res.status}` });
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'include',
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      signal: opts.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, detail: '无法连接服务器，请检查网络后重试', code: 'NETWORK' });
  }
  if (!res.ok) {
    const err = await toError(res);
    if (err.status === 401 && !opts.quiet401) for (const l of unauthorizedListeners) l(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (opts.text) return text as T;
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * A binary response (a generated DOCX) with its file name from `content-disposition` (`filename*`), problems
 * as `ApiError` like every other request.
 */
export async function requestBlob(
  method: string,
  path: string,
  opts: Pick<RequestOptions, 'query' | 'body'> = {},
): Promise<{ blob: Blob; filename: string | null }> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'include',
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError({ status: 0, detail: '无法连接服务器，请检查网络后重试', code: 'NETWORK' });
  }
  if (!res.ok) {
    const err = await toError(res);
    if (err.status === 401) for (const l of unauthorizedListeners) l(err);
    throw err;
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  return { blob: await res.blob(), filename: star ? decodeURIComponent(star) : null };
}

/** Saves a blob as a file in the browser's downloads. */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Fetches a file (GET, or POST with a body) and saves it under the server's file name (else `fallback`). */
export async function downloadFile(method: 'GET' | 'POST', path: string, fallback: string, body?: unknown) {
  const { blob, filename } = await requestBlob(method, path, body === undefined ? {} : { body });
  saveBlob(blob, filename ?? fallback);
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  /** The body as text, unparsed. */
  getText: (path: string, query?: Query) =>
    request<string>('GET', path, { ...(query ? { query } : {}), text: true }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
