/**
 * The layers of Referat and the import rules between them (docs/architecture.md), checked by
 * `npm run lint` with dependency-cruiser: imports go only downwards, and no module takes part
 * in an import cycle.
 *
 *   renderer/  ->  common/
 *   preload/   ->  common/ (types), electron
 *   main/electron/  ->  main/node/, common/
 *   main/node/ (and main/start.ts)  ->  common/
 *   common/    ->  nothing but zod (pure ECMAScript: no DOM, no Node, no Electron)
 *
 * tests/, bench/ and scripts/ may import every layer; no layer imports them.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle ties modules together so neither can change alone: move the shared piece down a layer or into its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'common-is-pure',
      severity: 'error',
      comment: 'common/ is the pure core: it imports only other common/ modules and zod.',
      from: { path: '^common/' },
      to: { pathNot: ['^common/', '^node_modules/zod/'] },
    },
    {
      name: 'common-no-node-builtins',
      severity: 'error',
      comment: 'common/ is the pure core: no Node built-ins.',
      from: { path: '^common/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-common',
      severity: 'error',
      comment:
        'The renderer talks to the main process only through the API: it imports common/ and its own packages, never main/ or preload/.',
      from: { path: '^renderer/' },
      to: { path: '^(main|preload|tests|bench|scripts)/' },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      comment: 'The renderer runs in a sandboxed page: no Node built-ins.',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-only-common',
      severity: 'error',
      comment: 'The preload bridge imports only common/ (types) and electron.',
      from: { path: '^preload/' },
      to: { path: '^(main|renderer|tests|bench|scripts)/' },
    },
    {
      name: 'node-not-up',
      severity: 'error',
      comment:
        'main/node (and main/start.ts) must not import the Electron shell, the renderer or the preload.',
      from: { path: '^main/(node/|start\\.ts)' },
      to: { path: ['^main/electron/', '^renderer/', '^preload/', '^node_modules/electron/'] },
    },
    {
      name: 'electron-not-up',
      severity: 'error',
      comment: 'main/electron must not import the renderer or the preload.',
      from: { path: '^main/electron/' },
      to: { path: ['^renderer/', '^preload/'] },
    },
    {
      name: 'product-not-tests',
      severity: 'error',
      comment: 'Production code never imports tests, benchmarks or scripts.',
      from: { path: '^(common|main|preload|renderer)/' },
      to: { path: '^(tests|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|out|dist|\\.tsbuild)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
