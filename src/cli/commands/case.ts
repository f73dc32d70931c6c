import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { actorForUsername, type Ctx } from '../../platform/access/index.ts';
import { createCase, getCaseDetail, transition } from '../../platform/workflow/index.ts';
import '../../modules/index.ts';
import type { AppDeps } from '../../http/deps.ts';
import { withRuntime } from '../with-runtime.ts';

/** Acting as a named official: the CLI goes through the workflow engine like every other route. */
async function ctxAs(d: AppDeps, tenant: string, username: string): Promise<Ctx> {
  const actor = await actorForUsername(d.db, tenant, username);
  if (!actor) throw new InvalidArgumentError(`用户 ${username} 不存在或已停用`);
  return {
    db: d.db,
    actor,
    requestId: `cli:${process.pid}`,
    now: d.clock.now(),
    crypto: d.crypto,
    config: d.config,
  };
}

const readJson = (v: string | undefined) => {
  if (!v) return {};
  const text = v.startsWith('@') ? readFileSync(v.slice(1), 'utf8') : v;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new InvalidArgumentError('输入须为 JSON（或 @文件名）');
  }
};

const line = (c: Awaited<ReturnType<typeof getCaseDetail>>) =>
  `${c.number} ${c.title} — ${c.stateLabel}${c.deadlines
    .filter((d) => d.status === 'running' || d.status === 'paused')
    .map((d) => `；${d.name}${d.dueDate ? `${d.dueDate}届满` : '中止计算'}`)
    .join('')}`;

/** case open | show | step: the same engine, permissions and legal conditions as the UI and the API. */
export function registerCaseCommands(program: Command) {
  const cases = program.command('case').description('案件办理（以指定工作人员身份，经流程引擎校验）');
  const common = (c: Command) =>
    c
      .requiredOption('--as <username>', '以哪位工作人员的身份办理')
      .option('--tenant <code>', '行政区划代码', process.env.DEFAULT_TENANT ?? '500113');

  common(
    cases
      .command('open <type>')
      .description('登记案件，例如 fazhi case open disclosure.request --as gongkai --data @申请.json'),
  )
    .option('--data <json>', '案件信息（JSON 或 @文件）')
    .option('--unit <id>', '承办单位（默认本人所在单位）')
    .action((type: string, o) =>
      withRuntime(async (d) => {
        const ctx = await ctxAs(d, o.tenant, o.as);
        const c = await createCase(ctx, type, { unitId: o.unit, data: readJson(o.data) });
        console.log(`${c.id} ${line(await getCaseDetail(ctx, c.id))}`);
      }),
    );

  common(cases.command('show <id>').description('案件状态、期限和可办理的步骤')).action((id: string, o) =>
    withRuntime(async (d) => {
      const ctx = await ctxAs(d, o.tenant, o.as);
      const c = await getCaseDetail(ctx, id);
      console.log(line(c));
      for (const a of c.actions) console.log(`  可办理：${a.name}（${a.label}）`);
    }),
  );

  common(
    cases
      .command('step <id> <step>')
      .description(
        '办理一个步骤，例如 fazhi case step <id> reply --as gongkai --input \'{"outcome":"disclosed",…}\'',
      ),
  )
    .option('--input <json>', '该步骤所需信息（JSON 或 @文件）')
    .action((id: string, step: string, o) =>
      withRuntime(async (d) => {
        const ctx = await ctxAs(d, o.tenant, o.as);
        await transition(ctx, id, step, readJson(o.input));
        console.log(line(await getCaseDetail(ctx, id)));
      }),
    );
}
