import { Command, InvalidArgumentError } from 'commander';
import { DomainError } from '../kernel/errors.ts';
import { registerCalendarCommands } from './commands/calendar.ts';
import { registerCaseCommands } from './commands/case.ts';
import { registerDrawCommands } from './commands/draw.ts';
import { registerLogCommands } from './commands/log.ts';
import { registerPlatformCommands } from './commands/platform.ts';

const program = new Command();
program.name('fazhi').description('Fazhi 法治政府建设管理平台 命令行工具').showHelpAfterError();
// One file per command group under ./commands.
registerPlatformCommands(program);
registerCalendarCommands(program);
registerCaseCommands(program);
registerLogCommands(program);
registerDrawCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof DomainError) {
    console.error(`错误：${e.detail}`);
    for (const p of e.errors) console.error(`  ${p.pointer}: ${p.detail}`);
    process.exit(1);
  }
  if (e instanceof InvalidArgumentError) {
    console.error(`错误：${e.message}`);
    process.exit(1);
  }
  throw e;
}
