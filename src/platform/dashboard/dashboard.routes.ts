import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryRows } from '../../kernel/db/index.ts';
import { problemResponses } from '../../kernel/schemas.ts';
import { users } from '../access/access.tables.ts';
import { PlatformPermissions as P } from '../access/permissions.ts';
import { scopeWhere } from '../access/scope.ts';
import { units } from '../org/org.tables.ts';

const zOverview = z.object({
  unitsByKind: z.array(z.object({ kind: z.string(), count: z.number().int() })),
  users: z.object({
    total: z.number().int(),
    active: z.number().int(),
    signedInLast30Days: z.number().int(),
  }),
  logEntries: z.number().int(),
});

/** The home page's figures, each counted within what the signed-in official may see. */
export async function dashboardRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/dashboard/overview',
    {
      config: { access: { permission: P['dashboard.view'] } },
      schema: {
        tags: ['dashboard'],
        summary: '工作台概览',
        response: { 200: zOverview, ...problemResponses },
      },
    },
    async (req) => {
      const ctx = req.ctx();
      const t = ctx.actor.tenantId;
      const unitScope = scopeWhere(ctx.actor, P['org.unit.read'], {
        tenantId: units.tenantId,
        unitId: units.id,
      });
      const userScope = scopeWhere(ctx.actor, P['access.user.read'], {
        tenantId: users.tenantId,
        unitId: users.unitId,
        ownerId: users.id,
      });
      const since = new Date(ctx.now.getTime() - 30 * 86_400_000);
      const [byKind, [u], [l]] = await Promise.all([
        queryRows<{ kind: string; count: number }>(
          ctx.db,
          sql`select kind, count(*)::int as count from ${units} where ${units.tenantId} = ${t} and ${units.status} = 'active' and ${unitScope} group by kind order by kind`,
        ),
        queryRows<{ total: number; active: number; recent: number }>(
          ctx.db,
          sql`select count(*)::int as total, count(*) filter (where ${users.status} = 'active')::int as active,
            count(*) filter (where ${users.lastLoginAt} >= ${since.toISOString()})::int as recent
            from ${users} where ${users.tenantId} = ${t} and ${users.kind} = 'person' and ${userScope}`,
        ),
        queryRows<{ n: number }>(
          ctx.db,
          sql`select count(*)::int as n from log_entries where tenant_id = ${t}`,
        ),
      ]);
      return {
        unitsByKind: byKind,
        users: { total: u?.total ?? 0, active: u?.active ?? 0, signedInLast30Days: u?.recent ?? 0 },
        logEntries: l?.n ?? 0,
      };
    },
  );
}
