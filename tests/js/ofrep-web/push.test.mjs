// Push refresh through OFREP's event stream (ADR-0008) with the released OpenFeature web SDK and OFREP web provider.
// Node has no browser EventSource: the `eventsource` package, which implements the WHATWG EventSource interface, stands
// in for it. Polling is off (the provider's default), so only the stream can tell the provider of a change.
//
// OFREP_ENDPOINT: a controller test host serving the flag `push-me` (0 %, Pending) and the test-only endpoint
// POST /test/serve?flag=…&weight=…&phase=… that changes what it serves (OfrepWebProviderPushTests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventSource } from 'eventsource';
import { OpenFeature, ProviderEvents } from '@openfeature/web-sdk';
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';

globalThis.EventSource = EventSource;
const endpoint = process.env.OFREP_ENDPOINT;
assert.ok(endpoint, 'OFREP_ENDPOINT must point at the controller test host');

async function serve(weight, phase) {
  const res = await fetch(`${endpoint}/test/serve?flag=push-me&weight=${weight}&phase=${phase}`, { method: 'POST' });
  assert.equal(res.status, 204, `test host refused the change: ${res.status}`);
}

// Resolves on the next ConfigurationChanged after `change()` ran, with the milliseconds it took.
function changedAfter(change) {
  return new Promise((resolve, reject) => {
    let started;
    const timer = setTimeout(() => reject(new Error('no ConfigurationChanged within 10 s: the stream did not tell the provider')), 10_000);
    const handler = () => {
      clearTimeout(timer);
      OpenFeature.removeHandler(ProviderEvents.ConfigurationChanged, handler);
      resolve(performance.now() - started);
    };
    OpenFeature.addHandler(ProviderEvents.ConfigurationChanged, handler);
    started = performance.now();
    change().catch(reject);
  });
}

test('the web provider refreshes by push: a change reaches it without polling', async () => {
  const provider = new OFREPWebProvider({ baseUrl: endpoint, cacheMode: 'disabled' });
  await OpenFeature.setContext({ targetingKey: 'user-1' });
  await OpenFeature.setProviderAndWait(provider);
  const client = OpenFeature.getClient();
  try {
    assert.equal(client.getBooleanValue('push-me', true), false, 'served off at 0 %');

    const rampMs = await changedAfter(() => serve(100, 'Observing'));
    assert.equal(client.getBooleanValue('push-me', false), true, 'served on at 100 % after the push');
    const details = client.getBooleanDetails('push-me', false);
    assert.equal(details.reason, 'STATIC');

    const abortMs = await changedAfter(() => serve(100, 'Aborted'));
    assert.equal(client.getBooleanValue('push-me', true), false, 'served off after the abort');
    assert.equal(client.getBooleanDetails('push-me', true).reason, 'DISABLED');
    console.log(`push refresh: ramp ${rampMs.toFixed(1)} ms, abort ${abortMs.toFixed(1)} ms (includes the provider's 50 ms debounce)`);
  } finally {
    await OpenFeature.close();
  }
});
