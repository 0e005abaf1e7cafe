// The flag file the controller's flagd backend wrote, loaded into @openfeature/flagd-core as flagd's in-process providers
// load it: every context gets exactly what the controller's own buckets give (EXPECTED_FILE, written by
// tests/RolloutController.IntegrationTests/Flagd/FlagdBackendTests.cs), and the entries the controller does not own are
// served as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { FlagdCore } from '@openfeature/flagd-core';

const flagFile = process.env.FLAGD_FILE;
const expected = JSON.parse(fs.readFileSync(process.env.EXPECTED_FILE, 'utf8'));

test(`flagd-core serves the written file as the controller's buckets say, for ${expected.contexts.length} contexts`, () => {
  const core = new FlagdCore();
  core._storage.setConfigurations(fs.readFileSync(flagFile, 'utf8'), true);
  const mismatches = [];
  let on = 0;
  for (const { context, value } of expected.contexts) {
    const served = core.resolveBooleanEvaluation(expected.flag, false, context);
    if (served.value) on++;
    if (served.value !== value) mismatches.push({ context, expected: value, served });
  }
  console.log(`${on} of ${expected.contexts.length} contexts on`);
  assert.equal(mismatches.length, 0, `${mismatches.length} differ, e.g. ${JSON.stringify(mismatches.slice(0, 3))}`);
});

test('an entry the controller does not own is kept as it was', () => {
  const core = new FlagdCore();
  core.setConfigurations(fs.readFileSync(flagFile, 'utf8'));
  const kept = core.resolveStringEvaluation(expected.keptFlag, 'none', { targetingKey: 'user-1' });
  assert.equal(kept.value, expected.keptValue);
  assert.equal(kept.reason, 'STATIC');
});
