import { z } from 'zod';

/** Shared request/response schema pieces (zod 4). One source for validation and OpenAPI. */

/** A timestamp: a Date in code, an ISO 8601 string on the wire. */
export const zDateTime = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
});

export const zId = z.uuid({ error: '须为有效的编号（UUID）' });
export const zIdParams = z.object({ id: zId });

export const zPageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const zText = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, { error: min === 1 ? '不能为空' : `至少${min}个字符` })
    .max(max, { error: `不能超过${max}个字符` });

/** The RFC 9457 body every error response has. */
export const zProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    traceId: z.string(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** Error responses most routes can give, for OpenAPI. */
export const problemResponses = {
  400: zProblem,
  401: zProblem,
  403: zProblem,
  404: zProblem,
  409: zProblem,
};
