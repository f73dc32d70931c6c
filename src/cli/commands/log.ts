import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../kernel/config.ts';
import { verifyReceipt } from '../../platform/log/core/index.ts';
import { type CheckLevel, logSignerFor, sequenceAll, verifyLog } from '../../platform/log/index.ts';
import { withRuntime } from '../with-runtime.ts';

const MARK: Record<CheckLevel, string> = { ok: '✓', fail: '✗', warn: '⚠', info: '·' };

/** log vkey, log verify, log sequence. */
export function registerLogCommands(program: Command) {
  const log = program.command('log').description('全过程记录（透明日志）');

  log
    .command('vkey')
    .description('打印本部署的日志验证密钥（供公布与固定）')
    .action(() => {
      try {
        console.log(logSignerFor(loadConfig(process.env)).verifierKey);
      } catch (e) {
        if (e instanceof ConfigError) {
          console.error(e.message);
          process.exit(2);
        }
        throw e;
      }
    });

  log
    .command('verify <url>')
    .description(
      '验证一个行政区的日志，例如 fazhi log verify http://localhost:3000/log/500113 --vkey <验证密钥>：检查签名、下载全部条目重算根哈希、核对哈希瓦片，并证明与上次保存的检查点一致',
    )
    .option('--vkey <key>', '固定的验证密钥（不给则取服务器 /vkey，只能证明自洽）')
    .option('--state <file>', '保存检查点的文件（默认 ~/.fazhi/log-state/<来源标识>.json）')
    .action(async (url: string, o: { vkey?: string; state?: string }) => {
      const r = await verifyLog({
        url,
        vkey: o.vkey,
        statePath: o.state,
        onCheck: (c) => console.log(`${MARK[c.level]} ${c.message}`),
      });
      console.log(r.ok ? '验证通过' : '验证未通过');
      if (!r.ok) process.exitCode = 1;
    });

  log
    .command('verify-receipt <file>')
    .description(
      '离线核验一份存证凭证（条目、包含证明与签名检查点），例如 fazhi log verify-receipt 凭证.json --vkey <验证密钥>',
    )
    .option('--vkey <key>', '固定的验证密钥（不给则只能证明凭证自洽）')
    .action((file: string, o: { vkey?: string }) => {
      const r = verifyReceipt(readFileSync(file, 'utf8'), o.vkey);
      if (!r.valid) {
        console.log(`✗ 凭证无效：${r.detail}`);
        process.exitCode = 1;
        return;
      }
      console.log(`✓ 条目 #${r.index} 包含在 ${r.origin} 的日志中（共 ${r.treeSize} 条，检查点签名有效）`);
      console.log(
        r.trusted
          ? '✓ 签名密钥与固定的验证密钥一致'
          : '⚠ 未固定验证密钥：只证明凭证自洽，请用 --vkey 指定公布的验证密钥',
      );
    });

  log
    .command('sequence')
    .description('立即为待排序的日志条目排序并签发检查点（服务运行时会自动进行）')
    .action(() =>
      withRuntime(async (d) => {
        const s = await sequenceAll(d.db, logSignerFor(d.config));
        for (const t of s.tenants)
          console.log(
            t.busy
              ? `行政区 ${t.tenantId}：另一进程正在排序，已跳过`
              : `行政区 ${t.tenantId}：排序 ${t.sequenced} 条，日志共 ${t.size} 条`,
          );
        console.log(`共排序 ${s.sequenced} 条`);
      }),
    );
}
