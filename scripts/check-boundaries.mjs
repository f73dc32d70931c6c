#!/usr/bin/env node
// Fails when a module reaches into another module's internals (rules in .dependency-cruiser.cjs).
import { spawnSync } from 'node:child_process';

const r = spawnSync(
  'npx',
  ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
  {
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
