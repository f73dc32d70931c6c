/**
 * Module boundaries (docs/adr/0001-architecture.md), checked in CI by `node scripts/check-boundaries.mjs`.
 * test/unit/boundaries.test.ts proves each rule fires on a deliberate violation.
 */
module.exports = {
  forbidden: [
    {
      name: 'modules-talk-through-index',
      comment: 'A domain module uses another module only through its public index.ts.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'modules-use-platform-index',
      comment:
        "Domain modules use the shared platform only through each part's index.ts, and its table definitions for foreign keys and key joins.",
      severity: 'error',
      from: { path: '^src/modules/' },
      to: {
        path: '^src/platform/[^/]+/',
        pathNot: ['^src/platform/[^/]+/index\\.ts$', '^src/platform/[^/]+/[^/]+\\.tables\\.ts$'],
      },
    },
    {
      name: 'platform-does-not-know-modules',
      comment: 'The platform is below the domain modules.',
      severity: 'error',
      from: { path: '^src/(kernel|platform)/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'kernel-is-the-bottom',
      comment: 'The kernel depends on nothing of ours.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: '^src/(platform|modules|http|cli|demo)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
