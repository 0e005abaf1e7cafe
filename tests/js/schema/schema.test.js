// Validates every policy in policies/ against docs/schema/rollout-policy.v1.json, and checks that the schema rejects
// documents the controller rejects (those a schema can express).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments, parse } from 'yaml';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const schema = JSON.parse(readFileSync(join(repoRoot, 'docs', 'schema', 'rollout-policy.v1.json'), 'utf8'));

// multipleOfPrecision: weights like 0.3 are not exact binary multiples of 0.001; editors compare decimals the same way.
// strictRequired off: the release/experiment rule requires 'removal' in an if/then that does not redeclare it.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, multipleOfPrecision: 9 });
addFormats(ajv);
const validate = ajv.compile(schema);

const errorsOf = (document) => (validate(document) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`));

const minimal = () => ({
  apiVersion: 'rollout-controller/v1',
  kind: 'RolloutPolicy',
  metadata: { name: 'minimal', owner: 'team-a', type: 'ops', reason: 'testing the schema' },
  spec: {
    flag: { key: 'minimal' },
    analysis: { guardrails: [{ name: 'errors', query: 'sum(rate(x{flag="{{ flag }}"}[5m]))', max: 1 }] },
  },
});

test('every policy in policies/ is valid against the schema', () => {
  const dir = join(repoRoot, 'policies');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length >= 3, `expected the example policies in ${dir}, found ${files.length}`);
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    assert.match(text, /^# yaml-language-server: \$schema=\.\.\/docs\/schema\/rollout-policy\.v1\.json/, `${file} names the schema`);
    for (const doc of parseAllDocuments(text)) {
      assert.deepEqual(doc.errors, [], `${file} parses`);
      assert.deepEqual(errorsOf(doc.toJS()), [], `${file} is valid`);
    }
  }
});

test('a minimal policy relying on every default is valid', () => {
  assert.deepEqual(errorsOf(minimal()), []);
});

test('flag keys with dots are valid unless they are . or ..', () => {
  for (const key of ['...', '.hidden', 'a.b', 'v1..2']) {
    const doc = minimal();
    doc.spec.flag.key = key;
    assert.deepEqual(errorsOf(doc), [], key);
  }
});

test('fractional weights with up to three decimals are valid', () => {
  const doc = minimal();
  doc.spec.stages = [0.3, 12.5, 33.333, 100].map((weight) => ({ weight, hold: '1h30m' }));
  assert.deepEqual(errorsOf(doc), []);
});

const comparison = () => ({ name: 'latency', kind: 'comparison', query: 'x{variant="{{ variant }}"}', maxIncrease: '20%' });
const sequential = () => ({
  name: 'errors', kind: 'sequential',
  numerator: 'sum(increase(e{variant="{{ variant }}"}[{{ window }}]))', denominator: 'sum(increase(r{variant="{{ variant }}"}[{{ window }}]))',
});

test('comparison, sequential, per-segment guardrails, sampleRatio and round limits are valid', () => {
  const doc = minimal();
  doc.spec.analysis.errorLimit = { rounds: 3, action: 'rollback' };
  doc.spec.analysis.inconclusiveLimit = { rounds: 60, action: 'notify' };
  doc.spec.analysis.sampleRatio = { exposures: 'sum by (variant) (increase(x[{{ window }}]))', pValueThreshold: 0.001, minCount: 8, mismatchLimit: 3 };
  doc.spec.analysis.guardrails.push(
    { ...comparison(), higherIsBetter: true, max: 2, by: ['plan'], onSegmentBreach: 'exclude' },
    { ...comparison(), name: 'abs', maxIncrease: undefined, maxDifference: 0.002 },
    { ...sequential(), alpha: 0.01, maxIncrease: '10%', minSamples: 500 },
  );
  doc.spec.analysis.guardrails[0].by = ['plan', 'region'];
  assert.deepEqual(errorsOf(JSON.parse(JSON.stringify(doc))), []);
});

const bad = {
  'unknown field': (d) => { d.spec.rollout = 'fast'; },
  'missing apiVersion': (d) => { delete d.apiVersion; },
  'wrong kind': (d) => { d.kind = 'Rollout'; },
  'missing owner': (d) => { delete d.metadata.owner; },
  'empty reason': (d) => { d.metadata.reason = '  '; },
  'bad type': (d) => { d.metadata.type = 'beta'; },
  'release without removal': (d) => { d.metadata.type = 'release'; },
  'removal without reviewBy': (d) => { d.metadata.removal = { criterion: 'done' }; },
  'reviewBy not a date': (d) => { d.metadata.removal = { criterion: 'done', reviewBy: 'next week' }; },
  'bad policy name': (d) => { d.metadata.name = 'New_Checkout'; },
  'bad flag key': (d) => { d.spec.flag.key = 'new checkout'; },
  'flag key .': (d) => { d.spec.flag.key = '.'; },
  'flag key ..': (d) => { d.spec.flag.key = '..'; },
  // Any connection name is a valid provider for the schema (the connections are the controller's configuration,
  // checked by rolloutctl validate --config); an empty one is not.
  'empty provider': (d) => { d.spec.flag.provider = ''; },
  'weight zero': (d) => { d.spec.stages = [{ weight: 0, hold: '1h' }]; },
  'weight over 100': (d) => { d.spec.stages = [{ weight: 101, hold: '1h' }]; },
  'weight as string': (d) => { d.spec.stages = [{ weight: '10', hold: '1h' }]; },
  'weight with four decimals': (d) => { d.spec.stages = [{ weight: 0.0005, hold: '1h' }]; },
  'empty stages': (d) => { d.spec.stages = []; },
  'hold not a duration': (d) => { d.spec.stages = [{ weight: 10, hold: '24 hours' }]; },
  'hold zero': (d) => { d.spec.stages = [{ weight: 10, hold: '0s' }]; },
  'interval as number': (d) => { d.spec.analysis.interval = 60; },
  'no guardrails': (d) => { d.spec.analysis.guardrails = []; },
  'guardrail without bounds': (d) => { delete d.spec.analysis.guardrails[0].max; },
  'failureLimit zero': (d) => { d.spec.analysis.guardrails[0].failureLimit = 0; },
  'consecutiveErrorLimit zero': (d) => { d.spec.analysis.consecutiveErrorLimit = 0; },
  'bad onNoData': (d) => { d.spec.analysis.guardrails[0].onNoData = 'ignore'; },
  'empty query': (d) => { d.spec.analysis.guardrails[0].query = ''; },
  'empty notify entry': (d) => { d.spec.notify = ['']; },
  'unknown guardrail kind': (d) => { d.spec.analysis.guardrails[0].kind = 'bayesian'; },
  'comparison without a limit': (d) => { d.spec.analysis.guardrails[0] = comparison(); delete d.spec.analysis.guardrails[0].maxIncrease; },
  'comparison with both limits': (d) => { d.spec.analysis.guardrails[0] = { ...comparison(), maxDifference: 0.1 }; },
  'maxIncrease without %': (d) => { d.spec.analysis.guardrails[0] = { ...comparison(), maxIncrease: '20' }; },
  'maxIncrease as a number': (d) => { d.spec.analysis.guardrails[0] = { ...comparison(), maxIncrease: 20 }; },
  'negative maxDifference': (d) => { d.spec.analysis.guardrails[0] = { ...comparison(), maxIncrease: undefined, maxDifference: -1 }; },
  'sequential without numerator': (d) => { d.spec.analysis.guardrails[0] = sequential(); delete d.spec.analysis.guardrails[0].numerator; },
  'sequential without denominator': (d) => { d.spec.analysis.guardrails[0] = sequential(); delete d.spec.analysis.guardrails[0].denominator; },
  'sequential with a query': (d) => { d.spec.analysis.guardrails[0] = { ...sequential(), query: 'up' }; },
  'sequential alpha 0.5': (d) => { d.spec.analysis.guardrails[0] = { ...sequential(), alpha: 0.5 }; },
  'sequential alpha 0': (d) => { d.spec.analysis.guardrails[0] = { ...sequential(), alpha: 0 }; },
  'threshold with alpha': (d) => { d.spec.analysis.guardrails[0].alpha = 0.05; },
  'minSamples zero': (d) => { d.spec.analysis.guardrails[0] = { ...sequential(), minSamples: 0 }; },
  'by empty': (d) => { d.spec.analysis.guardrails[0].by = []; },
  'by variant': (d) => { d.spec.analysis.guardrails[0].by = ['variant']; },
  'by not a label name': (d) => { d.spec.analysis.guardrails[0].by = ['9lives']; },
  'onSegmentBreach without by': (d) => { d.spec.analysis.guardrails[0].onSegmentBreach = 'exclude'; },
  'bad onSegmentBreach': (d) => { d.spec.analysis.guardrails[0].by = ['plan']; d.spec.analysis.guardrails[0].onSegmentBreach = 'ignore'; },
  'sampleRatio without exposures': (d) => { d.spec.analysis.sampleRatio = { pValueThreshold: 0.001 }; },
  'sampleRatio p threshold 1': (d) => { d.spec.analysis.sampleRatio = { exposures: 'x', pValueThreshold: 1 }; },
  'errorLimit and consecutiveErrorLimit': (d) => { d.spec.analysis.errorLimit = { rounds: 3 }; d.spec.analysis.consecutiveErrorLimit = 3; },
  'inconclusiveLimit without rounds': (d) => { d.spec.analysis.inconclusiveLimit = { action: 'pause' }; },
  'bad limit action': (d) => { d.spec.analysis.inconclusiveLimit = { rounds: 3, action: 'page' }; },
};

for (const [name, breakIt] of Object.entries(bad)) {
  test(`rejects: ${name}`, () => {
    const doc = minimal();
    breakIt(doc);
    assert.notDeepEqual(errorsOf(JSON.parse(JSON.stringify(doc))), [], `${name} should be rejected`);
  });
}

test('rejects a YAML document where a quoted number is used as a weight', () => {
  const doc = parse(`
apiVersion: rollout-controller/v1
kind: RolloutPolicy
metadata: { name: quoted, owner: a, type: ops, reason: r }
spec:
  flag: { key: quoted }
  stages: [{ weight: "10", hold: 1h }]
  analysis: { guardrails: [{ name: e, query: q, max: 1 }] }
`);
  assert.notDeepEqual(errorsOf(doc), []);
});

const flag = () => ({
  apiVersion: 'rollout-controller/v1',
  kind: 'Flag',
  metadata: { name: 'sso-login', owner: 'team-identity', type: 'permission', reason: 'testing the schema' },
  spec: {
    key: 'sso-login',
    variants: { on: true, off: false },
    defaultVariant: 'off',
    rules: [{ when: { plan: { in: ['enterprise'] } }, serve: 'on' }],
    fallthrough: { variant: 'off' },
  },
});

test('a flag document is valid, and its own fields are checked', () => {
  assert.deepEqual(errorsOf(flag()), []);
  const unknownOperator = flag();
  unknownOperator.spec.rules[0].when.plan = { contains: 'enterprise' };
  assert.notDeepEqual(errorsOf(unknownOperator), []);
  const twoFallthroughs = flag();
  twoFallthroughs.spec.fallthrough = { variant: 'off', rollout: { variant: 'on' } };
  assert.notDeepEqual(errorsOf(twoFallthroughs), []);
  const policyFields = flag();
  policyFields.spec.flag = { key: 'sso-login' };
  assert.notDeepEqual(errorsOf(policyFields), []);
});

test('a segment document needs when or keys', () => {
  const segment = {
    apiVersion: 'rollout-controller/v1',
    kind: 'Segment',
    metadata: { name: 'design-partners', owner: 'team-identity', reason: 'testing the schema' },
    spec: { keys: ['acct-1'] },
  };
  assert.deepEqual(errorsOf(segment), []);
  assert.notDeepEqual(errorsOf({ ...segment, spec: {} }), []);
});
