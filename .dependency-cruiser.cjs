// @ts-check
// Who may import whom, checked on every `npm run check` (`depcruise`). Type-only imports count like any other: a
// type import still ties two modules' changes together. The rules' reasons are in their comments; the planted
// violations of test/unit/meta/boundaries.test.ts prove each rule fails.

/**
 * The layers of lib/, lowest first. A folder imports only from layers below its own, never from a sibling in the
 * same layer or from above. A new lib/ folder takes its place here (test/unit/meta/boundaries.test.ts insists).
 * store, lease and service-health are the folders issue #14 adds (owners of tables, the one lease, service health).
 */
const LAYERS = [
  ['i18n'],
  ['errors', 'format', 'config'],
  ['db'],
  // The services' catalogue and the policies: what Graph, the sync and the monitor all name.
  ['connectors'],
  ['auth', 'graph'],
  ['store'],
  // The activity log's one writer: service health, the sync and the grant log through it.
  ['activity'],
  ['lease', 'service-health', 'directory', 'registration'],
  ['tenants'],
  ['sync'],
  ['provisioning'],
  ['monitor'],
  // The one protocol: its types come from every domain below.
  ['messaging'],
  // The two shells: the worker (no DOM) and the msal host (a document); neither imports the other.
  ['msal-host', 'worker'],
];

/** Edges known to run against the layers, each waiting for its move: remove the entry with the move. None today. */
const KNOWN_EXCEPTIONS = {};

const escape = (/** @type {string} */ name) => name.replace(/[.-]/g, (c) => `\\${c}`);

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const layerRules = LAYERS.flatMap((layer, index) =>
  layer.map((folder) => {
    const above = LAYERS.slice(index)
      .flat()
      .filter((other) => other !== folder);
    const exception = /** @type {Record<string, string>} */ (KNOWN_EXCEPTIONS)[folder];
    return {
      name: `layer-${folder}`,
      comment: `lib/${folder} imports only from the layers below it: ${LAYERS.map((l) => l.join('/')).join(' < ')}.`,
      severity: /** @type {const} */ ('error'),
      from: { path: `^lib/${escape(folder)}/` },
      to: {
        path: above.length > 0 ? `^lib/(${above.map(escape).join('|')})/` : '^$',
        ...(exception ? { pathNot: exception } : {}),
      },
    };
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle, through type imports too, means two modules can only change together: break it.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-not-ui',
      comment: 'lib/ decides, entrypoints and components wire and show: lib/ never reaches back into them.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(components|entrypoints)/' },
    },
    {
      name: 'worker-no-dom',
      comment:
        "Chrome's MV3 service worker has no DOM: nothing it reaches may be the msal host (a document) or a page " +
        '(components, other entrypoints). Firefox hosts msal in its own background (entrypoints/firefox/).',
      severity: 'error',
      from: { path: '^(entrypoints/background\\.ts$|lib/worker/)' },
      to: { path: '^(lib/msal-host/|components/|entrypoints/)', pathNot: '^entrypoints/background\\.ts$', reachable: true },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.wxt|\\.output)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
