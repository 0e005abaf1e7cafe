// Evaluates the controller's OFREP endpoints through the real OpenFeature server SDK and OFREP provider, and
// cross-checks its bucketing against @openfeature/flagd-core's `fractional`.
// The controller must serve the catalog below (OfrepNodeClientTests in the C# integration tests starts it) at
// OFREP_ENDPOINT, e.g. OFREP_ENDPOINT=http://127.0.0.1:5000 node --test
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { OpenFeature } from '@openfeature/server-sdk';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { FlagdCore } from '@openfeature/flagd-core';

const endpoint = process.env.OFREP_ENDPOINT;
if (!endpoint) throw new Error('OFREP_ENDPOINT must name the controller, e.g. http://127.0.0.1:5000');

// Mirrors OfrepNodeClientTests.Catalog.
const splitFlags = { 'ramp-one': 1, 'ramp-ten': 10, 'ramp-half': 50, 'ramp-odd': 12.345, 'new-checkout': 10 };
const KEY_COUNT = 10_000;
// Each provider evaluation is one HTTP round trip through the SDK; the bulk test covers KEY_COUNT keys for every flag.
const PROVIDER_KEY_COUNT = 2_000;

let client;

before(async () => {
  await OpenFeature.setProviderAndWait(new OFREPProvider({ baseUrl: endpoint }));
  client = OpenFeature.getClient('ofrep-tests');
});

after(async () => {
  await OpenFeature.close();
});

/** ASCII targeting keys: user ids plus printable strings from a fixed-seed generator (flagd-core hashes UTF-16 units). */
function targetingKeys(count) {
  const keys = [];
  let state = 0x2545f491;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 8;
  };
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      keys.push(`user-${i}`);
    } else {
      const length = 1 + (next() % 40);
      let key = '';
      for (let c = 0; c < length; c++) key += String.fromCharCode(32 + (next() % 95));
      keys.push(key);
    }
  }
  return keys;
}

/** What flagd evaluates for a flag split [["on", w*1000], ["off", 100000 - w*1000]]. */
function flagdReference(weights = splitFlags) {
  const flags = {};
  for (const [key, weight] of Object.entries(weights)) {
    const on = Math.round(weight * 1000);
    flags[key] = {
      state: 'ENABLED',
      variants: { on: true, off: false },
      defaultVariant: 'off',
      targeting: { fractional: [['on', on], ['off', 100_000 - on]] },
    };
  }
  const core = new FlagdCore();
  core.setConfigurations(JSON.stringify({ flags }));
  return (flagKey, targetingKey) => core.resolveBooleanEvaluation(flagKey, false, { targetingKey }).value;
}

async function inBatches(items, size, fn) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(fn));
  }
}

test('split flag resolves through the OFREP provider with SPLIT and metadata', async () => {
  const details = await client.getBooleanDetails('ramp-half', false, { targetingKey: 'user-14' });
  assert.equal(details.errorCode, undefined, details.errorMessage);
  assert.equal(details.reason, 'SPLIT');
  assert.equal(details.variant, details.value ? 'on' : 'off');
  assert.deepEqual(details.flagMetadata, { type: 'release', layer: 'app', weight: 50, phase: 'Observing', stage: 3, policy: 'ramps' });
});

test('worked example from docs/ofrep.md', async () => {
  // The controller serves new-checkout at 10%; flagd-core also answers for 1%.
  const atOnePercent = flagdReference({ 'new-checkout': 1 });
  assert.equal(atOnePercent('new-checkout', 'user-14'), true);
  assert.equal(atOnePercent('new-checkout', 'user-9'), false);
  for (const [key, expected] of [['user-14', true], ['user-9', true], ['user-42', false]]) {
    const details = await client.getBooleanDetails('new-checkout', !expected, { targetingKey: key });
    assert.equal(details.value, expected, key);
  }
});

test('flags at 100% and 0% are STATIC and need no targeting key', async () => {
  const everyone = await client.getBooleanDetails('everyone', false);
  assert.equal(everyone.value, true);
  assert.equal(everyone.variant, 'on');
  assert.equal(everyone.reason, 'STATIC');

  const nobody = await client.getBooleanDetails('nobody', true);
  assert.equal(nobody.value, false);
  assert.equal(nobody.variant, 'off');
  assert.equal(nobody.reason, 'STATIC');
});

test('a rolled-back flag is DISABLED and off', async () => {
  const details = await client.getBooleanDetails('rolled-back', true, { targetingKey: 'user-1' });
  assert.equal(details.value, false);
  assert.equal(details.variant, 'off');
  assert.equal(details.reason, 'DISABLED');
  assert.equal(details.flagMetadata.phase, 'RolledBack');
});

test('an unknown flag yields the default value and FLAG_NOT_FOUND', async () => {
  const details = await client.getBooleanDetails('no-such-flag', true, { targetingKey: 'user-1' });
  assert.equal(details.value, true);
  assert.equal(details.errorCode, 'FLAG_NOT_FOUND');
  assert.equal(details.reason, 'ERROR');
});

test('a split flag without targeting key yields the default value and TARGETING_KEY_MISSING', async () => {
  const details = await client.getBooleanDetails('ramp-ten', true);
  assert.equal(details.value, true);
  assert.equal(details.errorCode, 'TARGETING_KEY_MISSING');
});

test(`provider evaluations of ${PROVIDER_KEY_COUNT} keys match flagd-core fractional`, async () => {
  const reference = flagdReference();
  const mismatches = [];
  let on = 0;
  await inBatches(targetingKeys(PROVIDER_KEY_COUNT), 100, async (key) => {
    const details = await client.getBooleanDetails('ramp-odd', false, { targetingKey: key });
    assert.equal(details.errorCode, undefined, `${JSON.stringify(key)}: ${details.errorMessage}`);
    if (details.value) on++;
    if (details.value !== reference('ramp-odd', key)) mismatches.push(key);
  });
  assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} keys differ from flagd-core`);
  assert.ok(Math.abs((100 * on) / PROVIDER_KEY_COUNT - splitFlags['ramp-odd']) < 2.5, `${on} of ${PROVIDER_KEY_COUNT} keys on`);
});

test(`bulk evaluations of ${KEY_COUNT} keys match flagd-core fractional for every split flag`, async () => {
  const reference = flagdReference();
  const mismatches = [];
  await inBatches(targetingKeys(KEY_COUNT), 100, async (key) => {
    const response = await fetch(`${endpoint}/ofrep/v1/evaluate/flags`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ context: { targetingKey: key } }),
    });
    assert.equal(response.status, 200);
    const { flags } = await response.json();
    for (const flag of flags.filter((f) => f.key in splitFlags)) {
      assert.equal(flag.reason, 'SPLIT');
      if (flag.value !== reference(flag.key, key)) mismatches.push(`${flag.key}/${key}`);
    }
  });
  assert.deepEqual(mismatches.slice(0, 10), [], `${mismatches.length} evaluations differ from flagd-core`);
});

// Declared flags (OfrepNodeClientTests.Declared): typed values, rules, variants and metadata through the real provider.
test('a string flag serves its variants by rule and by split', async () => {
  const staff = await client.getStringDetails('button-copy', 'fallback', { targetingKey: 'user-1', email: 'dev@example.com' });
  assert.equal(staff.errorCode, undefined, staff.errorMessage);
  assert.deepEqual([staff.value, staff.variant, staff.reason], ['Complete purchase', 'treatment', 'TARGETING_MATCH']);
  assert.deepEqual(staff.flagMetadata, { type: 'experiment', owner: 'team-checkout', layer: 'app' });
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    const d = await client.getStringDetails('button-copy', 'fallback', { targetingKey: `user-${i}` });
    assert.equal(d.reason, 'SPLIT');
    assert.equal(d.value, d.variant === 'control' ? 'Buy now' : 'Complete purchase');
    seen.add(d.variant);
  }
  assert.deepEqual([...seen].sort(), ['control', 'treatment']);
});

test('a number flag serves integers and floats; an attribute of the wrong type is no match, not an error', async () => {
  const enterprise = await client.getNumberDetails('max-items', 0, { targetingKey: 'a', plan: 'enterprise' });
  assert.deepEqual([enterprise.value, enterprise.variant, enterprise.reason], [25, 'many', 'TARGETING_MATCH']);
  const other = await client.getNumberDetails('max-items', 0, { plan: 42 });
  assert.equal(other.errorCode, undefined, other.errorMessage);
  assert.deepEqual([other.value, other.variant, other.reason], [10, 'few', 'DEFAULT']);
  assert.deepEqual(other.flagMetadata, { type: 'ops', owner: 'team-catalog', layer: 'infra' });
});

test('an object flag serves its object', async () => {
  const theme = await client.getObjectDetails('theme', {}, {});
  assert.equal(theme.errorCode, undefined, theme.errorMessage);
  assert.deepEqual([theme.value, theme.variant, theme.reason], [{ background: 'black', contrast: 2 }, 'dark', 'STATIC']);
});

test('a permission flag is served to plan in [enterprise] and to no one else, without a policy', async () => {
  const yes = await client.getBooleanDetails('sso-login', false, { plan: 'enterprise' });
  assert.deepEqual([yes.value, yes.reason], [true, 'TARGETING_MATCH']);
  const no = await client.getBooleanDetails('sso-login', true, { plan: 'free' });
  assert.deepEqual([no.value, no.reason], [false, 'DEFAULT']);
});

test('asking a string flag for a boolean is a type mismatch that yields the default value', async () => {
  const wrong = await client.getBooleanDetails('button-copy', true, { targetingKey: 'user-1' });
  assert.equal(wrong.value, true);
  assert.equal(wrong.errorCode, 'TYPE_MISMATCH');
});

test('the bulk endpoint returns every declared flag with its typed value', async () => {
  const response = await fetch(`${endpoint}/ofrep/v1/evaluate/flags`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ context: { targetingKey: 'user-1', plan: 'enterprise' } }),
  });
  assert.equal(response.status, 200);
  const byKey = Object.fromEntries((await response.json()).flags.map((f) => [f.key, f]));
  assert.equal(byKey['max-items'].value, 25);
  assert.equal(byKey['sso-login'].value, true);
  assert.deepEqual(byKey.theme.value, { background: 'black', contrast: 2 });
  assert.equal(typeof byKey['button-copy'].value, 'string');
});
