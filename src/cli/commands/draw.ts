import type { Command } from 'commander';
import { type DrawResult, rfc3797Draw } from '../../modules/inspection/index.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

/** The printed answer of `fazhi draw`: positions in draw order, or the RFC 3797 §6-style table with `--verbose`. */
export function drawOutput(result: DrawResult, verbose: boolean): string[] {
  if (!verbose) return [result.selected.join(' ')];
  return [
    `key: ${result.key}`,
    'index        hex value of MD5        div  selected',
    ...result.steps.map(
      (s) =>
        `${String(s.index + 1).padStart(3)}  ${s.digest}  ${String(s.divisor).padStart(3)}  -> ${String(s.selected).padStart(2)} <-`,
    ),
  ];
}

/** `fazhi draw --pool N --pick K --source … --source …`: an RFC 3797 draw anyone can re-run. */
export function registerDrawCommands(program: Command) {
  program
    .command('draw')
    .description(
      '按 RFC 3797 公开可验证随机抽取：输出被抽中的序号（从1起，按抽取顺序），例如 fazhi draw --pool 25 --pick 10 --source 9319 --source "2 5 12 8 10" --source "9 18 26 34 41 45"',
    )
    .requiredOption('--pool <n>', '抽取池的数量（公布的有序名单的长度）')
    .requiredOption('--pick <k>', '抽取数量')
    .option('--source <value>', '公开随机源的值，按公布的顺序逐个给出（可重复）', collect, [] as string[])
    .option('--verbose', '同时输出密钥和每一步的 MD5 值（RFC 3797 第6节的格式）')
    .action((o: { pool: string; pick: string; source: string[]; verbose?: boolean }) => {
      const result = rfc3797Draw({ pool: Number(o.pool), pick: Number(o.pick), sources: o.source });
      for (const line of drawOutput(result, o.verbose ?? false)) console.log(line);
    });
}
