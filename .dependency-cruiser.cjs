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
      name: 'storage-not-up',
      severity: 'error',
      comment:
        'Storage (SQLite, the file store, migrations) is below every feature: it imports common/, main/node/pki and the atomic file writer only, never the API, services, signing, PDF, DOCX, archive, host or CLI.',
      from: { path: '^main/node/storage/' },
      to: {
        path: '^main/node/(api|services|signing|pdf|docx|archive|host|cli)/',
        // Writing a file atomically is a leaf (Node's fs only) that storage shares.
        pathNot: '^main/node/services/atomicFile\\.ts$',
      },
    },
    {
      name: 'atomic-file-is-a-leaf',
      severity: 'error',
      comment:
        'main/node/services/atomicFile.ts is used by storage as well as the services: it imports nothing of the app.',
      from: { path: '^main/node/services/atomicFile\\.ts$' },
      to: { path: '^(common|main|preload|renderer)/' },
    },
    {
      name: 'features-not-transports',
      severity: 'error',
      comment:
        'Services and features (signing, PDF, DOCX, archive) are used by the API handlers and the CLI, never the other way round.',
      from: { path: '^main/node/(services|signing|pdf|docx|archive|pki)/' },
      to: { path: '^main/node/(api|host|cli)/' },
    },
    {
      name: 'editor-not-screens',
      severity: 'error',
      comment:
        'renderer/src/editor is the document editor the meeting screen uses; it must not import the screen folders (meeting/, meetings/), or the two folders become one.',
      from: { path: '^renderer/src/editor/' },
      to: { path: '^renderer/src/(meeting|meetings)/' },
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
    // tests/lint/fixtures break the rules on purpose (tests/lint checks that they are caught).
    exclude: { path: '^(node_modules|out|dist|\\.tsbuild|tests/lint/fixtures)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
