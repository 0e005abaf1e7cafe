// Asks the real unleash-client SDK, for user ids user-0 .. user-(N-1), whether a flag is enabled.
// Usage: node share.js <unleash url> <client token> <flag> <N> [property=value ...]
// Prints one JSON line: {"enabled": count, "total": N, "bits": "0110..."} (bit i: user-i enabled).
'use strict';
const { initialize } = require('unleash-client');

const [url, token, flag, countText, ...props] = process.argv.slice(2);
const total = Number(countText);
const properties = Object.fromEntries(props.map((p) => p.split('=')));

const client = initialize({
  url: `${url.replace(/\/$/, '')}/api/`,
  appName: 'rollout-controller-tests',
  customHeaders: { Authorization: token },
  refreshInterval: 1000,
  disableMetrics: true,
  storageProvider: new (require('unleash-client').InMemStorageProvider)(),
});
const timer = setTimeout(() => { console.error('share.js: the SDK did not synchronize within 30 s'); process.exit(1); }, 30000);
client.on('error', (e) => console.error(`share.js: ${e.message}`));
client.on('synchronized', () => {
  clearTimeout(timer);
  let enabled = 0;
  const bits = [];
  for (let i = 0; i < total; i++) {
    const on = client.isEnabled(flag, { userId: `user-${i}`, properties });
    if (on) enabled++;
    bits.push(on ? '1' : '0');
  }
  console.log(JSON.stringify({ enabled, total, bits: bits.join('') }));
  client.destroy();
  process.exit(0);
});
