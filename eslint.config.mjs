import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import layers from './scripts/eslint-layers.cjs';

/** The only packages the pure layers import: no framework, no I/O. */
const PURE = ['date-fns', '@date-fns/tz'];
const CORE = ['calendar', 'kernel', 'districts:register', 'delegation:register'];
const PLATFORM = ['common', 'event-store', 'projections', 'personal-data', 'infrastructure', 'files'];
/** What other features may use of cases: everything but its HTTP edge. */
const CASES = ['cases:domain', 'cases:steps', 'cases:application', 'cases:read-models', 'cases'];

/**
 * The server's layers, lowest first. Imports run down, never up: a layer imports itself and
 * the layers it names in `imports`, which must be declared before it (so what is allowed
 * cannot run in a circle); `types` names layers it may read types from (`import type`) even
 * above it; a pure layer (`packages`) imports no package but those. A file is in the layer
 * with the longest entry that holds it. Tests (*.spec.ts, test/, e2e/) stand above every
 * layer and are not checked. `npm run lint:layers` prints this table and the arrows the code
 * has between the layers (README, Architecture).
 */
export const LAYERS = [
  // The pure core: dates, shapes, money, the register of districts, the case rules.
  { name: 'calendar', files: ['src/calendar/'], imports: [], packages: PURE },
  { name: 'kernel', files: ['src/kernel/'], imports: ['calendar'], packages: PURE },
  {
    name: 'districts:register',
    files: [
      'src/districts/district-register.ts',
      'src/districts/district-register-decider.ts',
      'src/districts/districts.json',
    ],
    imports: ['calendar', 'kernel'],
    packages: PURE,
  },
  {
    name: 'delegation:register',
    files: ['src/delegation/delegation-register.ts', 'src/delegation/delegation-register-decider.ts'],
    imports: ['calendar', 'kernel'],
    packages: PURE,
  },
  // A case's state reads each step's event data types: a cycle of types by design, none at run time.
  { name: 'cases:domain', files: ['src/cases/domain/'], imports: CORE, types: ['cases:steps'], packages: PURE },
  { name: 'cases:steps', files: ['src/cases/steps/'], imports: [...CORE, 'cases:domain'], packages: PURE },
  { name: 'labels', files: ['src/labels/'], imports: [...CORE, 'cases:domain', 'cases:steps'], packages: PURE },
  // What each document made from a case says (one content model per type): pure, like the case rules.
  {
    name: 'documents:content',
    files: ['src/documents/content/'],
    imports: [...CORE, 'cases:domain', 'cases:steps', 'labels'],
    packages: PURE,
  },

  // Framework helpers (problem+json, validation, OpenAPI, logger, SQLite files): they know no feature.
  { name: 'common', files: ['src/common/'], imports: ['calendar', 'kernel'] },
  // Infrastructure: the event log, projections, personal data keys, shared services and tokens.
  { name: 'event-store', files: ['src/event-store/'], imports: ['calendar', 'kernel', 'common'] },
  // The log's two adapters: only the settings, the wiring and the tools choose one; the rest use the port.
  {
    name: 'event-store:adapters',
    files: [
      'src/event-store/sqlite-event-store.ts',
      'src/event-store/eventstoredb-event-store.ts',
      'src/event-store/create-event-store.ts',
    ],
    imports: ['calendar', 'kernel', 'common', 'event-store'],
  },
  { name: 'projections', files: ['src/projections/'], imports: ['calendar', 'kernel', 'common', 'event-store'] },
  { name: 'personal-data', files: ['src/personal-data/'], imports: ['calendar', 'kernel', 'common', 'event-store'] },
  {
    name: 'infrastructure',
    files: ['src/infrastructure/'],
    imports: ['calendar', 'kernel', 'common', 'event-store', 'projections', 'personal-data'],
    types: ['config'],
  },
  // Files of cases (attachments, documents): the FileStore port, its filesystem adapter, encryption by the person's key.
  {
    name: 'files',
    files: ['src/files/'],
    imports: ['calendar', 'kernel', 'common', 'personal-data', 'infrastructure'],
    types: ['config'],
  },

  // Features, each on those before it. Who is calling (the principal and the route decorators)
  // is below the audit log and the staff register; the guard that checks it is above them.
  { name: 'access', files: ['src/auth/principal.ts', 'src/auth/auth.decorators.ts'], imports: ['common'] },
  { name: 'staff', files: ['src/staff/'], imports: [...CORE, ...PLATFORM, 'access'] },
  { name: 'audit', files: ['src/audit/'], imports: [...CORE, ...PLATFORM, 'access'] },
  {
    name: 'auth',
    files: ['src/auth/'],
    imports: [...CORE, ...PLATFORM, 'access', 'staff', 'audit'],
    types: ['config'],
  },
  { name: 'session', files: ['src/session/'], imports: [...CORE, ...PLATFORM, 'access', 'auth'], types: ['config'] },
  // The districts module (register changes, mergers, its HTTP edge) comes before cases: a merger
  // passes cases on through messages it declares and the cases module answers.
  { name: 'districts', files: ['src/districts/'], imports: [...CORE, ...PLATFORM, 'access', 'audit'] },
  // The delegation order as administrators keep it (its register is in the core: the decisions read it).
  { name: 'delegation', files: ['src/delegation/'], imports: [...CORE, ...PLATFORM, 'access', 'audit'] },
  {
    name: 'cases:application',
    files: ['src/cases/application/'],
    imports: [...CORE, ...PLATFORM, 'access', 'staff', 'audit', 'districts', 'cases:domain', 'cases:steps'],
  },
  {
    name: 'cases:read-models',
    files: ['src/cases/read-models/'],
    imports: [...CORE, ...PLATFORM, 'districts', 'cases:domain', 'cases:steps', 'cases:application'],
  },
  // The HTTP edge of cases: only the cases module (and the tools) import it.
  {
    // What the API reads: a case as its view (with the steps it allows, in the catalogue's Swedish), the lists.
    name: 'cases:queries',
    files: ['src/cases/queries/'],
    imports: [
      ...CORE,
      ...PLATFORM,
      'labels',
      'access',
      'staff',
      'audit',
      'districts',
      'cases:domain',
      'cases:steps',
      'cases:application',
      'cases:read-models',
    ],
  },
  {
    name: 'cases:api',
    files: ['src/cases/api/'],
    imports: [
      ...CORE,
      ...PLATFORM,
      'access',
      'audit',
      'districts',
      'cases:domain',
      'cases:steps',
      'cases:application',
      'cases:read-models',
      'cases:queries',
    ],
  },
  {
    name: 'cases',
    files: ['src/cases/cases.module.ts'],
    imports: [
      ...CORE,
      ...PLATFORM,
      'districts',
      'cases:domain',
      'cases:steps',
      'cases:application',
      'cases:read-models',
      'cases:queries',
      'cases:api',
    ],
  },
  { name: 'queues', files: ['src/queues/'], imports: [...CORE, ...PLATFORM, 'access', 'audit', ...CASES] },
  // Repayment plans behind (Missade avbetalningar), for unit heads: read beside the queues.
  {
    name: 'instalments',
    files: ['src/instalments/'],
    imports: [...CORE, ...PLATFORM, 'access', 'audit', ...CASES, 'queues'],
  },
  // The investigator's own day: their open cases with what is due first, and their reminders (bevakningar).
  { name: 'my-work', files: ['src/my-work/'], imports: [...CORE, ...PLATFORM, 'access', 'audit', ...CASES] },
  {
    name: 'statistics',
    files: ['src/statistics/'],
    imports: [...CORE, ...PLATFORM, 'labels', 'access', 'audit', ...CASES],
  },
  {
    // The delegated decisions a nämnd is told of (anmälan av delegationsbeslut), as a list, CSV and PDF.
    name: 'delegated-decisions',
    files: ['src/delegated-decisions/'],
    imports: [...CORE, ...PLATFORM, 'labels', 'access', 'audit', ...CASES],
  },
  {
    name: 'retention',
    files: ['src/retention/'],
    imports: [...CORE, ...PLATFORM, 'access', 'audit', ...CASES],
    types: ['config'],
  },
  {
    name: 'imports',
    files: ['src/imports/'],
    imports: [...CORE, ...PLATFORM, 'labels', 'access', 'audit', ...CASES],
    types: ['config'],
  },
  // Attachments (bilagor) of cases: upload into the file store and download, over HTTP.
  {
    name: 'attachments',
    files: ['src/attachments/'],
    imports: [...CORE, ...PLATFORM, 'labels', 'access', 'audit', ...CASES],
  },
  // Documents made from a case (PDF and DOCX from the content models), their templates, issuing and sending.
  {
    name: 'documents',
    files: ['src/documents/'],
    imports: [...CORE, ...PLATFORM, 'labels', 'access', 'audit', ...CASES, 'documents:content'],
    types: ['config'],
  },
  { name: 'health', files: ['src/health/'], imports: [...CORE, ...PLATFORM, 'access'], types: ['config'] },
  // The demo writes a city's history as its people would: cases, and the year's post-checks for the report.
  { name: 'demo', files: ['src/demo/'], imports: [...CORE, ...PLATFORM, 'staff', ...CASES, 'statistics'] },

  // Settings and wiring: the settings read every part's own; the app and the tools put all together.
  { name: 'config', files: ['src/config/'], imports: [...CORE, ...PLATFORM, 'event-store:adapters', 'imports'] },
  {
    name: 'app',
    files: ['src/main.ts', 'src/app.module.ts', 'src/app.factory.ts', 'src/infrastructure/infrastructure.module.ts'],
    imports: 'all',
  },
  { name: 'tools', files: ['src/cli/', 'src/bench/'], imports: 'all' },
  // Helpers for tests only: no layer may import them (a case's events, for the decider's and the HTTP specs).
  {
    name: 'testing',
    files: ['src/testing/'],
    imports: [...CORE, ...PLATFORM, 'event-store:adapters', 'cases:domain', 'cases:steps'],
  },

  // The browser's code: nothing of the server's source (it reads the API through its generated client).
  { name: 'web', files: ['web/'], imports: [] },
];

/**
 * Wrong-way imports known and being removed: each file named may import `to` until the change
 * that removes them lands; lint fails once one is gone, so the list only shrinks.
 */
export const KNOWN_WRONG_WAY = [];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'jest.config.js',
      'web/dist/**',
      'web/src/api/schema.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional', 'ValidateNested'],
              message:
                'Use Optional, Nested or NestedList from src/common/validators: IsOptional lets null through, ValidateNested lets arrays through.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web interface runs in the browser: its globals, and the rules of React hooks.
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Imports run one way (LAYERS above). Tests may import any layer.
    files: ['src/**/*.ts', 'web/**/*.{ts,tsx}'],
    ignores: ['**/*.spec.ts', '**/*.test.ts', 'web/dist/**'],
    plugins: { layers: layers.plugin },
    rules: { 'layers/one-way': ['error', { layers: LAYERS, known: KNOWN_WRONG_WAY }] },
  },
  prettier,
);
