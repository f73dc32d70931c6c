import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildDemo, E2E_CLOCK_AT } from './harness.ts';

/**
 * Builds the browser tests' demo district once per run (`fazhi demo --scale 0.1` on the tests' clock, into a
 * PGlite data dir) as a template every test file's server copies: the demo year takes 10–15 s to load, once
 * instead of once per file. A file on another clock (normative's) builds its own.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-e2e-template-'));
  buildDemo(dir, E2E_CLOCK_AT);
  project.provide('e2eTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplate: string;
  }
}
