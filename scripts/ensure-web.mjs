#!/usr/bin/env node
// `npm start` serves the built web UI: build it once when it is missing (a fresh clone).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('web/dist/index.html')) {
  console.log('首次启动：正在构建网页界面（vite build）…');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
