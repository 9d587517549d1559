import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Imports run down the layers declared in eslint.config.mjs (LAYERS): `npm run lint` fails on a
 * new wrong-way import. Each case here is a small file given to ESLint's Node API as if it stood
 * at that path (lintText with a filePath, so nothing is written into src/), linted with the
 * project's own config. ESLint runs in a child process: it loads the config as an ES module,
 * which Jest's module system cannot.
 */
const root = join(__dirname, '..');

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the rule is plain CommonJS, shared with the .mjs config
const { prepareLayers } = require('../scripts/eslint-layers.cjs') as {
  prepareLayers: (
    layers: Array<{ name: string; files: string[]; imports: string[] | 'all'; types?: string[] }>,
  ) => unknown;
};

const LINT = `
import { ESLint } from 'eslint';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({ cwd: process.cwd() });
const answers = [];
for (const { filePath, code } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath });
  answers.push(result.messages.filter((m) => m.ruleId === 'layers/one-way' || m.fatal).map((m) => m.message));
}
process.stdout.write(JSON.stringify(answers));
`;

const CASES = {
  commonImportsCases: [
    'src/common/x.ts',
    "import { CaseError } from '../cases/domain/case-errors';\nexport { CaseError };",
  ],
  commonReadsCaseTypes: [
    'src/common/x.ts',
    "import type { CaseError } from '../cases/domain/case-errors';\nexport type E = CaseError;",
  ],
  commonImportsKernel: [
    'src/common/x.ts',
    "import { kronorToOre } from '../kernel/money';\nexport const ore = kronorToOre(1);",
  ],
  domainReadsStepTypes: [
    'src/cases/domain/x.ts',
    "import type { CaseEvent } from '../steps';\nexport type E = CaseEvent;",
  ],
  domainRunsSteps: ['src/cases/domain/x.ts', "import { evolve } from '../steps';\nexport { evolve };"],
  domainUsesTheDisk: ['src/cases/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport { readFileSync };"],
  stepUsesNest: ['src/cases/steps/x/x.step.ts', "import { Injectable } from '@nestjs/common';\nexport { Injectable };"],
  districtsSendCaseCommands: [
    'src/districts/x.ts',
    "import { RunCaseCommand } from '../cases/application/case-command-handlers';\nexport { RunCaseCommand };",
  ],
  casesUseDistricts: [
    'src/cases/application/x.ts',
    "import { PassCaseToSuccessor } from '../../districts/case-succession';\nexport { PassCaseToSuccessor };",
  ],
  importReachesTheHttpEdge: [
    'src/imports/x.ts',
    "import { CaseStepsController } from '../cases/api/case-steps.controller';\nexport { CaseStepsController };",
  ],
  importUsesTheBus: [
    'src/imports/x.ts',
    "import { RunCaseCommand } from '../cases/application/case-command-handlers';\nexport { RunCaseCommand };",
  ],
  applicationReadsTheCaseList: [
    'src/cases/application/x.ts',
    "import { CaseListQueries } from '../read-models/case-list.projection';\nexport { CaseListQueries };",
  ],
  auditUsesTheAdapter: [
    'src/audit/x.ts',
    "import { SqliteEventStore } from '../event-store/sqlite-event-store';\nexport { SqliteEventStore };",
  ],
  webImportsServer: ['web/src/x.ts', "import { sv } from '../../src/labels/sv';\nexport { sv };"],
  productionImportsTestHelpers: [
    'src/queues/x.ts',
    "import { temporaryStore } from '../testing/temporary-store';\nexport { temporaryStore };",
  ],
  testImportsAnything: [
    'src/common/x.spec.ts',
    "import { CaseError } from '../cases/domain/case-errors';\nit('runs', () => expect(CaseError).toBeDefined());",
  ],
  folderInNoLayer: ['src/newfeature/x.ts', 'export const x = 1;'],
} as const;

type Case = keyof typeof CASES;
let messages: Record<Case, string[]>;

beforeAll(() => {
  const names = Object.keys(CASES) as Case[];
  const input = JSON.stringify(names.map((n) => ({ filePath: join(root, CASES[n][0]), code: CASES[n][1] })));
  const answers = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', LINT], { cwd: root, input, encoding: 'utf8' }),
  ) as string[][];
  messages = Object.fromEntries(names.map((n, i) => [n, answers[i]])) as Record<Case, string[]>;
}, 60_000);

describe('the lint rule on imports between layers', () => {
  it('fails common/ importing a case, even its types only', () => {
    expect(messages.commonImportsCases).toEqual([
      expect.stringMatching(
        /^common may not import src\/cases\/domain\/case-errors \(cases:domain\): imports run down/,
      ),
    ]);
    expect(messages.commonReadsCaseTypes).toEqual([expect.stringMatching(/\(cases:domain\), not even its types/)]);
  });

  it('passes common/ importing the kernel below it', () => {
    expect(messages.commonImportsKernel).toEqual([]);
  });

  it("lets a case's state read the steps' types, never run them", () => {
    expect(messages.domainReadsStepTypes).toEqual([]);
    expect(messages.domainRunsSteps).toEqual([
      expect.stringMatching(/^cases:domain may not import src\/cases\/steps /),
    ]);
  });

  it('keeps the domain and the steps free of frameworks and I/O', () => {
    expect(messages.domainUsesTheDisk).toEqual([
      'cases:domain is pure: it imports no package but date-fns, @date-fns/tz, not node:fs.',
    ]);
    expect(messages.stepUsesNest).toEqual([
      'cases:steps is pure: it imports no package but date-fns, @date-fns/tz, not @nestjs/common.',
    ]);
  });

  it('lets cases use districts, never districts cases', () => {
    expect(messages.casesUseDistricts).toEqual([]);
    expect(messages.districtsSendCaseCommands).toEqual([expect.stringMatching(/^districts may not import/)]);
  });

  it('keeps the HTTP edge of cases to the cases module', () => {
    expect(messages.importReachesTheHttpEdge).toEqual([
      expect.stringMatching(/^imports may not import src\/cases\/api\/case-steps.controller \(cases:api\)/),
    ]);
    expect(messages.importUsesTheBus).toEqual([]);
  });

  it('keeps the application layer of cases below its read models (it names a port they provide)', () => {
    expect(messages.applicationReadsTheCaseList).toEqual([
      expect.stringMatching(/^cases:application may not import src\/cases\/read-models/),
    ]);
  });

  it("keeps features to the event store's port, not its adapters", () => {
    expect(messages.auditUsesTheAdapter).toEqual([expect.stringMatching(/\(event-store:adapters\)/)]);
  });

  it("fails the web importing the server's source", () => {
    expect(messages.webImportsServer).toEqual([
      expect.stringMatching(/^web may not import src\/labels\/sv \(labels\)/),
    ]);
  });

  it('keeps test helpers out of the service, and lets tests import any layer', () => {
    expect(messages.productionImportsTestHelpers).toEqual([expect.stringMatching(/\(testing\)/)]);
    expect(messages.testImportsAnything).toEqual([]);
  });

  it('asks for a layer for a new folder', () => {
    expect(messages.folderInNoLayer).toEqual([expect.stringMatching(/^This file is in no layer/)]);
  });

  it('knows no wrong-way import any more: the list of those being removed is empty', () => {
    const config = readFileSync(join(root, 'eslint.config.mjs'), 'utf8');
    expect(config).toMatch(/export const KNOWN_WRONG_WAY = \[\];/);
  });
});

describe('the declared layers', () => {
  it('cannot allow a circle: a layer names only layers declared before it', () => {
    expect(() =>
      prepareLayers([
        { name: 'low', files: ['src/low/'], imports: ['high'] },
        { name: 'high', files: ['src/high/'], imports: ['low'] },
      ]),
    ).toThrow('LAYERS: low imports high, which is not declared before it');
  });

  it('hold in the code: npm run lint:layers finds no arrow against them', () => {
    const report = spawnSync(process.execPath, [join(root, 'scripts', 'layers-report.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    expect(report.stdout).toMatch(/\d+ arrows; against the layers: 0\./);
  }, 60_000);
});
