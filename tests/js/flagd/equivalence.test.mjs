// The flag set a controller exports in flagd's format: valid against flagd's published schema (vendored in schema/,
// see schema/SOURCE.md), and evaluated by @openfeature/flagd-core exactly as the controller's OFREP serves it.
// Run by tests/RolloutController.IntegrationTests/Flagd/FlagdEquivalenceTests.cs, which starts the controller's OFREP
// endpoints and export over a catalog and sets CONTROLLER_URL and EXPORT_PATH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Ajv from 'ajv';
import { FlagdCore } from '@openfeature/flagd-core';

const base = process.env.CONTROLLER_URL;
const exportPath = process.env.EXPORT_PATH ?? '/api/v1/export/flagd';
const CONTEXT_COUNT = 12_000;
const CONCURRENCY = 8;

function schemaValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema(JSON.parse(fs.readFileSync(new URL('./schema/targeting.json', import.meta.url))), 'https://flagd.dev/schema/v0/targeting.json');
  return ajv.compile(JSON.parse(fs.readFileSync(new URL('./schema/flags.json', import.meta.url))));
}

async function exported() {
  const response = await fetch(base + exportPath);
  assert.equal(response.status, 200);
  return JSON.parse(await response.text());
}

/** A seeded generator (mulberry32), so a failure can be reproduced. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MISSING = Symbol('missing');
// Every attribute a rule, segment or excluded segment reads, in every JSON type (flagd-core hashes UTF-16 code units
// and the controller UTF-8 bytes, so targeting keys are ASCII; see docs/flags.md for what is not comparable).
const attributes = {
  email: ['a@example.com', 'b@corp.example.com', 'admin@other.org', 'c@other.org', '@example.com', 42, true, null, MISSING],
  plan: ['enterprise', 'free', 'business', 'Free', 3, true, null, MISSING],
  country: ['DE', 'US', 'FR', 'NL', 49, false, MISSING],
  seats: [0, 9, 9.5, 10, 10.5, 100, 499, 500, 1000, '600', true, null, MISSING],
  'account.seats': [5, 40, 41, '50', MISSING],
  tier: [3, 4, '3', '4', 'gold', MISSING],
  appVersion: ['2.4.0', '2.3.9', '2.4.0-rc.1', '2.4.0-rc.10', 'v2.5.0', '3.0.0+build.5', '3.2.0', 'latest', 240, MISSING],
  beta: [true, false, 'true', 1, MISSING],
  region: ['eu', 'us', MISSING],
};

function contexts(count) {
  const next = random(20261203);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const result = [];
  for (let i = 0; i < count; i++) {
    const context = { targetingKey: pick([`user-${i}`, `user-${i}`, `acct-${i % 3}`, `user-${Math.floor(next() * 50)}`, randomKey(next)]) };
    for (const [name, values] of Object.entries(attributes)) {
      const value = pick(values);
      if (value !== MISSING) context[name] = value;
    }
    result.push(context);
  }
  return result;
}

function randomKey(next) {
  let key = '';
  const length = 1 + Math.floor(next() * 24);
  for (let i = 0; i < length; i++) key += String.fromCharCode(32 + Math.floor(next() * 95));
  return key;
}

/** The reason flagd reports for what the controller served (docs/flags.md, "Export to flagd"). */
function expectedReason(flag, served) {
  if (!flag.targeting) return 'STATIC';
  if (served.reason === 'TARGETING_MATCH' || served.reason === 'SPLIT') return 'TARGETING_MATCH';
  return served.variant === flag.defaultVariant ? 'DEFAULT' : 'TARGETING_MATCH';
}

async function bulk(context) {
  const response = await fetch(`${base}/ofrep/v1/evaluate/flags`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ context }),
  });
  assert.equal(response.status, 200, `bulk evaluation of ${JSON.stringify(context)}`);
  return (await response.json()).flags;
}

test('the export is valid against flagd\'s published schema', async () => {
  const validate = schemaValidator();
  const document = await exported();
  assert.ok(validate(document), JSON.stringify(validate.errors, null, 2));
  assert.equal(document.$schema, 'https://flagd.dev/schema/v0/flags.json');
});

test('the schema check fails on a document flagd would refuse', async () => {
  const validate = schemaValidator();
  const document = await exported();
  const [key] = Object.keys(document.flags);
  document.flags[key].state = 'OFF';
  assert.equal(validate(document), false);
});

test('flagd-core loads the export with strict validation', async () => {
  const document = await exported();
  const core = new FlagdCore();
  core._storage.setConfigurations(JSON.stringify(document), true);
  assert.equal(core.getFlags().size, Object.keys(document.flags).length);
});

test(`flagd-core and OFREP agree on every flag for ${CONTEXT_COUNT} generated contexts`, async () => {
  const document = await exported();
  const core = new FlagdCore();
  core.setConfigurations(JSON.stringify(document));
  const keys = Object.keys(document.flags);
  const all = contexts(CONTEXT_COUNT);
  const mismatches = [];
  const reasons = new Map();
  let compared = 0;
  for (let at = 0; at < all.length; at += CONCURRENCY) {
    const batch = all.slice(at, at + CONCURRENCY);
    const answers = await Promise.all(batch.map(bulk));
    batch.forEach((context, i) => {
      const served = new Map(answers[i].map((f) => [f.key, f]));
      for (const key of keys) {
        const ours = served.get(key);
        assert.ok(ours, `OFREP did not evaluate ${key}`);
        assert.equal(ours.errorCode, undefined, `OFREP error for ${key} ${JSON.stringify(context)}: ${ours.errorDetails}`);
        const flag = document.flags[key];
        const type = typeof Object.values(flag.variants)[0];
        const theirs = core.resolve(type, key, undefined, context);
        const expected = { value: ours.value, variant: ours.variant, reason: expectedReason(flag, ours) };
        const actual = { value: theirs.value, variant: theirs.variant, reason: theirs.reason };
        reasons.set(`${ours.reason}->${theirs.reason}`, (reasons.get(`${ours.reason}->${theirs.reason}`) ?? 0) + 1);
        compared++;
        try {
          assert.deepStrictEqual(actual, expected);
        } catch {
          mismatches.push({ key, context, ofrep: ours, flagd: theirs });
        }
      }
    });
  }
  console.log(`compared ${compared} evaluations of ${keys.length} flags; reasons (OFREP->flagd): ${JSON.stringify(Object.fromEntries(reasons))}`);
  assert.equal(mismatches.length, 0, `${mismatches.length} of ${compared} evaluations differ, e.g.\n${mismatches.slice(0, 5).map((m) => JSON.stringify(m)).join('\n')}`);
  // Every path was taken: rules, splits, defaults, statics and disabled flags.
  for (const reason of ['TARGETING_MATCH', 'SPLIT', 'DEFAULT', 'STATIC', 'DISABLED'])
    assert.ok([...reasons.keys()].some((k) => k.startsWith(reason)), `no evaluation ended ${reason}`);
});
