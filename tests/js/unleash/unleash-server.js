// Starts the real unleash-server from npm on a PostgreSQL database, for tests and the worked example.
// Settings from the environment:
//   UNLEASH_DATABASE_URL  postgres://user:password@host:port/database (required)
//   UNLEASH_PORT          port on 127.0.0.1 (required)
//   UNLEASH_ADMIN_TOKEN   admin API token created at start (required), e.g. "*:*.rollout-admin-secret"
//   UNLEASH_CLIENT_TOKEN  client (backend SDK) token for the "development" environment, e.g. "default:development.sdk-secret"
// Prints "unleash-server listening on <port>" once it answers.
'use strict';
const unleash = require('unleash-server');

const required = (name) => {
  const value = process.env[name];
  if (!value) { console.error(`unleash-server.js: ${name} is required`); process.exit(2); }
  return value;
};

const url = new URL(required('UNLEASH_DATABASE_URL'));
const port = Number(required('UNLEASH_PORT'));
const adminToken = required('UNLEASH_ADMIN_TOKEN');
const clientToken = process.env.UNLEASH_CLIENT_TOKEN;

const tokens = [{ environment: '*', project: '*', secret: adminToken, type: 'admin', tokenName: 'rollout-admin' }];
if (clientToken) {
  const [projects, rest] = clientToken.split(':');
  tokens.push({ environment: rest.split('.')[0], projects: [projects], secret: clientToken, type: 'client', tokenName: 'rollout-sdk' });
}

unleash.start({
  db: {
    host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password), database: url.pathname.slice(1), ssl: false,
  },
  server: { port, host: '127.0.0.1' },
  authentication: { initApiTokens: tokens },
  logLevel: process.env.UNLEASH_LOG_LEVEL || 'warn',
  // Tests poll the SDK endpoints far faster than one service would.
  rateLimiting: { callSignalEndpointMaxPerSecond: 1000 },
}).then(() => console.log(`unleash-server listening on ${port}`),
  (e) => { console.error(`unleash-server failed to start: ${e.stack || e}`); process.exit(1); });
