import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { DomainError, type ErrorKind, type FieldProblem } from '../kernel/errors.ts';

/** RFC 9457 problem details, with Fazhi's extensions `code`, `traceId` and `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  traceId: string;
  errors?: FieldProblem[];
}

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  locked: 423,
  'too-many': 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(
  req: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  errors?: FieldProblem[],
): Problem {
  return {
    type: `/problems/${code.toLowerCase().replace(/\./g, '/').replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: req.url.split('?')[0] ?? req.url,
    code,
    traceId: req.id,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json; charset=utf-8').send(p);
}

const PARTS = ['params', 'querystring', 'body', 'headers'] as const;
const PART_POINTER: Record<(typeof PARTS)[number], string> = {
  params: 'params',
  querystring: 'query',
  body: 'body',
  headers: 'headers',
};

/**
 * Fastify stops at the first request part that fails; to list every problem we validate every part
 * against its schema again here, on the (rare) error path only.
 */
function allValidationProblems(req: FastifyRequest): FieldProblem[] {
  const schema = req.routeOptions.schema as Partial<Record<(typeof PARTS)[number], ZodType>> | undefined;
  const out: FieldProblem[] = [];
  const data: Record<(typeof PARTS)[number], unknown> = {
    params: req.params,
    querystring: req.query,
    body: req.body,
    headers: req.headers,
  };
  for (const part of PARTS) {
    const s = schema?.[part];
    if (!s || typeof (s as ZodType).safeParse !== 'function') continue;
    const r = (s as ZodType).safeParse(data[part]);
    if (r.success) continue;
    for (const issue of r.error.issues) {
      const path = issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
      out.push({ pointer: `/${PART_POINTER[part]}${path ? `/${path}` : ''}`, detail: issue.message });
    }
  }
  return out;
}

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, '不支持的请求内容类型，请使用 application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, '请求内容过大'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, '请求体不能为空'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, '请求体不是合法的 JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, '请求长度与内容不符'],
};

/** The one place errors become HTTP responses. Unknown errors are logged and answered with a bare 500. */
export function errorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    return sendProblem(reply, problem(req, STATUS[error.kind], error.code, error.detail, error.errors));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = allValidationProblems(req);
    return sendProblem(
      reply,
      problem(req, 400, 'REQUEST.INVALID', `请求数据有误，共${errors.length}处问题`, errors),
    );
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return sendProblem(reply, problem(req, known[0], `REQUEST.${error.code}`, known[1]));
  if (error instanceof SyntaxError && error.statusCode === 400)
    return sendProblem(reply, problem(req, 400, 'REQUEST.INVALID_JSON', '请求体不是合法的 JSON'));
  if (isResponseSerializationError(error))
    req.log.error({ err: error, cause: error.cause }, 'response failed its schema');
  else req.log.error({ err: error }, 'unhandled error');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return sendProblem(reply, problem(req, error.statusCode, 'REQUEST.REJECTED', '请求无法处理'));
  return sendProblem(
    reply,
    problem(req, 500, 'INTERNAL', '服务器内部错误，请稍后重试；如问题持续，请把跟踪号告知管理员'),
  );
}
