import { type Command, InvalidArgumentError } from 'commander';
import { loadDemo } from '../../demo/index.ts';
import { bootstrapAdmin, issueTokenFor } from '../../platform/access/index.ts';
import { createTenant } from '../../platform/tenancy/index.ts';
import { serve } from '../serve.ts';
import { withRuntime } from '../with-runtime.ts';

const positiveNumber = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('须为正数');
  return n;
};

/** serve, migrate, demo, tenant, user, token. */
export function registerPlatformCommands(program: Command) {
  program
    .command('serve')
    .description('启动服务（首次启动时自动迁移数据库并载入示范区）')
    .option('-p, --port <port>', '端口', (v) => Number(v))
    .action((o) => serve({ port: o.port }));

  program
    .command('migrate')
    .description('执行数据库迁移（PGlite 或 DATABASE_URL 指定的 PostgreSQL）')
    .action(() => withRuntime(async (d) => console.log(`数据库迁移完成（${d.database.engine}）`)));

  program
    .command('demo')
    .description('生成确定性的示范区数据（部门、镇街、村社区、各角色用户）')
    .option('--scale <n>', '规模系数：1 约为一个区的常见规模，5 约数千名工作人员', positiveNumber, 1)
    .option('--tenant <code>', '行政区划代码', '500113')
    .action((o) =>
      withRuntime(async (d) => {
        const r = await loadDemo(d, { scale: o.scale, tenantId: o.tenant });
        console.log(
          `示范区已生成：${r.units} 个单位，${r.users} 名用户，${r.cases} 件执法案件（公开处罚决定 ${r.published} 件），用时 ${r.ms} ms`,
        );
      }),
    );

  const tenant = program.command('tenant').description('行政区（租户）管理');
  tenant
    .command('create <code> <name>')
    .description('新建行政区，例如 fazhi tenant create 500113 巴南区')
    .option('--government <name>', '本级政府名称（默认“<名称>人民政府”）')
    .action((code: string, name: string, o) =>
      withRuntime(async (d) => {
        await createTenant(d.db, {
          id: code,
          name,
          governmentName: o.government ?? `${name}人民政府`,
          now: new Date(),
        });
        console.log(`已创建行政区 ${code} ${name}`);
      }),
    );

  const user = program.command('user').description('用户管理');
  user
    .command('create-admin <tenant> <username>')
    .description('为行政区创建系统管理员（密码从环境变量 FAZHI_PASSWORD 读取）')
    .option('--name <displayName>', '姓名', '系统管理员')
    .action((tenantId: string, username: string, o) =>
      withRuntime(async (d) => {
        const password = process.env.FAZHI_PASSWORD;
        if (!password) throw new InvalidArgumentError('请通过环境变量 FAZHI_PASSWORD 提供密码');
        await bootstrapAdmin(d.db, { tenantId, username, displayName: o.name, password, now: new Date() });
        console.log(`已创建系统管理员 ${username}`);
      }),
    );

  const token = program.command('token').description('接口令牌');
  token
    .command('create <tenant> <username> <name>')
    .description('为用户签发接口令牌（令牌只显示这一次）')
    .action((tenantId: string, username: string, name: string) =>
      withRuntime(async (d) => {
        console.log((await issueTokenFor(d.db, { tenantId, username, name, now: new Date() })).token);
      }),
    );
}
