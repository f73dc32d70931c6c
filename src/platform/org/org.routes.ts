import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { PlatformPermissions as P } from '../access/permissions.ts';
import {
  zCreateUnitBody,
  zPosition,
  zPositionBody,
  zUnit,
  zUnitQuery,
  zUpdateUnitBody,
} from './org.schemas.ts';
import {
  createPosition,
  createUnit,
  getUnit,
  listPositions,
  listUnits,
  UNIT_KINDS,
  updateUnit,
} from './units.ts';

/** The organisation tree: units and their positions. */
export async function orgRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];

  app.get(
    '/api/org/unit-kinds',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '单位类型',
        response: { 200: z.array(z.object({ value: z.string(), label: z.string() })) },
      },
    },
    async () => Object.entries(UNIT_KINDS).map(([value, label]) => ({ value, label })),
  );

  app.get(
    '/api/org/units',
    {
      config: { access: { permission: P['org.unit.read'] } },
      schema: {
        tags,
        summary: '单位列表（按层级排序，可筛选）',
        querystring: zUnitQuery,
        response: { 200: z.array(zUnit), ...problemResponses },
      },
    },
    async (req) => listUnits(req.ctx(), req.query),
  );

  app.post(
    '/api/org/units',
    {
      config: { access: { permission: P['org.unit.manage'] } },
      schema: {
        tags,
        summary: '新建单位',
        body: zCreateUnitBody,
        response: { 201: zUnit, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createUnit(req.ctx(), req.body)),
  );

  app.get(
    '/api/org/units/:id',
    {
      config: { access: { permission: P['org.unit.read'] } },
      schema: { tags, summary: '单位详情', params: zIdParams, response: { 200: zUnit, ...problemResponses } },
    },
    async (req) => getUnit(req.ctx(), req.params.id),
  );

  app.patch(
    '/api/org/units/:id',
    {
      config: { access: { permission: P['org.unit.manage'] } },
      schema: {
        tags,
        summary: '修改、移动或停用单位',
        params: zIdParams,
        body: zUpdateUnitBody,
        response: { 200: zUnit, ...problemResponses },
      },
    },
    async (req) => updateUnit(req.ctx(), req.params.id, req.body),
  );

  app.get(
    '/api/org/units/:id/positions',
    {
      config: { access: { permission: P['org.unit.read'] } },
      schema: {
        tags,
        summary: '单位的岗位',
        params: zIdParams,
        response: { 200: z.array(zPosition), ...problemResponses },
      },
    },
    async (req) => listPositions(req.ctx(), req.params.id),
  );

  app.post(
    '/api/org/units/:id/positions',
    {
      config: { access: { permission: P['org.unit.manage'] } },
      schema: {
        tags,
        summary: '新增岗位',
        params: zIdParams,
        body: zPositionBody,
        response: { 201: zPosition, ...problemResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createPosition(req.ctx(), req.params.id, req.body)),
  );
}
