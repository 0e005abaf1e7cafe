// Push benchmarks (docs/benchmarks.md, "Push"): measured from the outside, over HTTP, with one clock (this process).
//
//   node push-bench.mjs replica   A=http://… B=http://… FLAG=… TOKEN=… ROUNDS=200
//     Each round: abort on replica A (POST /api/v1/rollouts/FLAG/abort), then ask replica B for the flag (OFREP single
//     flag, one request in flight at a time) until it serves the aborted value; the time from sending the abort to the
//     first response from B with the new value. Then resume on A and wait until B serves it on again (not timed).
//   node push-bench.mjs sse       A=http://… FLAG=… TOKEN=… SUBSCRIBERS=10000 ROUNDS=20
//     Opens SUBSCRIBERS event streams (GET /ofrep/v1/events) on A; each round sends one change (abort or resume,
//     alternately) and times, per subscriber, from sending the command to receiving the refetchEvaluation event with
//     the new ETag. Reports p50/p99/max over every subscriber of every round, and per round the time until all were told;
//     the CPU time the controller (PID_A) and this client used per change; and the controller's own fan-out times
//     (its rollout_controller_event_stream_fanout_seconds histogram, scraped before and after the timed rounds).
//     With NATIVE_CLIENT=path (sse-fanout.c, compiled), that client holds the streams and times the events instead of
//     this process, whose one thread would otherwise spend more time parsing 10,000 events than the controller sending them.
//   Both modes first make WARMUP (default 30) untimed changes, so the controller's code is compiled before timing.
// Output: one JSON line of results on stdout; progress on stderr.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import readline from 'node:readline';

const env = (name, fallback) => process.env[name] ?? fallback;
const mode = process.argv[2];
const A = env('A');
const FLAG = env('FLAG', 'push-bench');
const TOKEN = env('TOKEN');
const ROUNDS = Number(env('ROUNDS', mode === 'sse' ? 20 : 200));
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function request(base, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(url, {
      method, agent,
      headers: { ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}), ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

// A resume is refused (409) while the abort before it is served but not stored yet: it is asked again until taken.
async function command(verb, reason) {
  for (let attempt = 0; ; attempt++) {
    const r = await request(A, 'POST', `/api/v1/rollouts/${FLAG}/${verb}`, { reason }, { authorization: `Bearer ${TOKEN}` });
    if (r.status < 300) return r;
    if (r.status !== 409 || !r.body.includes('not stored yet') || attempt >= 400) throw new Error(`${verb} answered ${r.status}: ${r.body}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// CPU time (ms) the controller (PID_A, from /proc) and this client have used: per change = difference / changes.
const processCpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 1000 / 100; // utime + stime, in clock ticks (USER_HZ 100)
};
const controllerCpuMs = () => processCpuMs(env('PID_A'));
let nativeClientPid = null; // set when the native client counts the events
const clientCpuMs = () => {
  if (nativeClientPid !== null) return processCpuMs(nativeClientPid);
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpu = () => ({ controller: controllerCpuMs(), client: clientCpuMs() });
const cpuPerChange = (from, n) => {
  const to = cpu();
  const r = (v) => Math.round(v * 10) / 10;
  return { controller: r((to.controller - from.controller) / n), client: r((to.client - from.client) / n) };
};

// The controller's own fan-out times (rollout_controller_event_stream_fanout_seconds{stream="ofrep"}), as bucket counts.
async function fanOutBuckets() {
  const r = await request(A, 'GET', '/metrics');
  const buckets = new Map();
  for (const line of r.body.split('\n')) {
    const m = /^rollout_controller_event_stream_fanout_seconds_bucket\{stream="ofrep",le="([^"]+)"\} (\d+)/.exec(line);
    if (m) buckets.set(m[1], Number(m[2]));
  }
  return buckets;
}
// From two scrapes: how many of the changes in between finished their pass within each bound (ms).
function fanOutBetween(before, after) {
  const total = (after.get('+Inf') ?? 0) - (before.get('+Inf') ?? 0);
  const within = {};
  for (const [le, n] of after) if (le !== '+Inf') within[Math.round(Number(le) * 1000 * 10) / 10] = n - (before.get(le) ?? 0);
  return { changes: total, withinMs: within };
}

async function served(base) {
  const r = await request(base, 'POST', `/ofrep/v1/evaluate/flags/${FLAG}`, { context: { targetingKey: 'bench-user' } });
  if (r.status !== 200) throw new Error(`OFREP answered ${r.status}: ${r.body}`);
  return JSON.parse(r.body).value;
}

async function until(base, value, limitMs) {
  const start = performance.now();
  while (await served(base) !== value) {
    if (performance.now() - start > limitMs) throw new Error(`${base} did not serve ${value} within ${limitMs} ms`);
  }
  return performance.now();
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const stats = (values) => {
  const s = [...values].sort((x, y) => x - y);
  const r = (v) => Math.round(v * 10) / 10;
  return { n: s.length, p50: r(pct(s, 50)), p90: r(pct(s, 90)), p99: r(pct(s, 99)), max: r(s[s.length - 1]) };
};

async function replica() {
  const B = env('B');
  const latencies = [];
  if (await served(B) !== true) {
    // A rollout that has not started yet is ended by an abort; resuming it restarts it at its only stage (100 %).
    await command('abort', 'bench: start').catch(() => {});
    await command('resume', 'bench: start');
    await until(B, true, 30_000);
  }
  const warmup = Number(env('WARMUP', 30));
  for (let i = -warmup; i < ROUNDS; i++) {
    const sent = performance.now();
    await command('abort', `bench round ${i}`);
    const seen = await until(B, false, 30_000);
    if (i >= 0) latencies.push(seen - sent);
    await command('resume', `bench round ${i}`);
    await until(B, true, 30_000);
    if ((i + 1) % 50 === 0) process.stderr.write(`replica: ${i + 1}/${ROUNDS}\n`);
  }
  return { mode: 'replica', rounds: ROUNDS, abortToServedOnB_ms: stats(latencies) };
}

function subscribe(onEvent) {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL('/ofrep/v1/events', A), { headers: { accept: 'text/event-stream' }, agent: false }, (res) => {
      if (res.statusCode !== 200) { reject(new Error(`stream answered ${res.statusCode}`)); res.resume(); return; }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk) => {
        const at = performance.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) onEvent(JSON.parse(data.slice(6)), at);
        }
      });
      resolve(req);
    });
    req.on('error', reject);
  });
}

async function sse() {
  const n = Number(env('SUBSCRIBERS', 10_000));
  let round = null; // { id, sent, times: [] }: the first event after the command is the change
  const told = new Array(n).fill(0);
  const latencies = [];
  const allTold = [];
  const streams = [];
  for (let i = 0; i < n; i += 500) {
    const batch = [];
    for (let j = i; j < Math.min(n, i + 500); j++) {
      batch.push(subscribe((event, at) => {
        if (!round || !round.sent || event.type !== 'refetchEvaluation' || told[j] === round.id) return;
        told[j] = round.id;
        round.times.push(at - round.sent);
        if (round.times.length === n) round.done(at);
      }));
    }
    streams.push(...await Promise.all(batch));
    process.stderr.write(`sse: ${streams.length}/${n} subscribed\n`);
  }
  await new Promise((r) => setTimeout(r, 2000)); // the greeting event of each new stream
  let on = await served(A);
  if (!on) { await command('abort', 'bench: start').catch(() => {}); await command('resume', 'bench: start'); on = true; await new Promise((r) => setTimeout(r, 1000)); }
  // Untimed changes first, so the controller's code is compiled and warm before the timed ones.
  const warmup = Number(env('WARMUP', 30));
  let cpuFrom, fanOutFrom;
  for (let id = 1 - warmup; id <= ROUNDS; id++) {
    if (id === 1) { latencies.length = 0; allTold.length = 0; cpuFrom = cpu(); fanOutFrom = await fanOutBuckets(); }
    const finished = new Promise((resolve) => {
      round = { id: id + warmup, sent: 0, times: [], done: resolve };
    });
    round.sent = performance.now();
    await command(on ? 'abort' : 'resume', `bench sse round ${id}`);
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`round ${id}: ${round.times.length}/${n} told after 30 s`)), 30_000));
    const last = await Promise.race([finished, timeout]);
    if (id >= 1) { latencies.push(...round.times); allTold.push(last - round.sent); }
    on = !on;
    process.stderr.write(`sse ${id >= 1 ? 'round' : 'warm-up'} ${id}: all ${n} told in ${(last - round.sent).toFixed(1)} ms\n`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const cpuPerChange_ms = cpuPerChange(cpuFrom, ROUNDS);
  const controllerFanOut = fanOutBetween(fanOutFrom, await fanOutBuckets());
  for (const s of streams) s.destroy();
  return { mode: 'sse', subscribers: n, rounds: ROUNDS, warmup, changeToSubscriberTold_ms: stats(latencies),
    changeToAllTold_ms: stats(allTold), cpuPerChange_ms, controllerFanOut };
}


// The same measurement with the native client (sse-fanout.c, NATIVE_CLIENT=path): it holds the streams and times each
// stream's event from the moment it is told "go", which this process sends just before the command.
async function sseNative() {
  const n = Number(env('SUBSCRIBERS', 10_000));
  const a = new URL(A);
  const child = spawn(env('NATIVE_CLIENT'), [a.hostname, a.port, String(n)], { stdio: ['pipe', 'pipe', 'inherit'] });
  nativeClientPid = child.pid;
  const lines = readline.createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  child.on('exit', (code) => { for (const w of waiting.splice(0)) w(`exit ${code}`); });
  const next = (what, ms) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`native client: no ${what} after ${ms / 1000} s`)), ms);
    waiting.push((line) => { clearTimeout(timer); line.startsWith(what) ? resolve(line) : reject(new Error(`native client: ${line}`)); });
  });
  await next('ready', 300_000);
  process.stderr.write(`sse: ${n}/${n} subscribed (native client)\n`);
  await new Promise((r) => setTimeout(r, 2000));
  let on = await served(A);
  if (!on) { await command('abort', 'bench: start').catch(() => {}); await command('resume', 'bench: start'); on = true; await new Promise((r) => setTimeout(r, 1000)); }
  const warmup = Number(env('WARMUP', 30));
  const latencies = [];
  const allTold = [];
  let cpuFrom, fanOutFrom;
  for (let id = 1 - warmup; id <= ROUNDS; id++) {
    if (id === 1) { cpuFrom = cpu(); fanOutFrom = await fanOutBuckets(); }
    const told = next(`told ${id + warmup}`, 30_000);
    child.stdin.write(`go ${id + warmup}\n`);
    await command(on ? 'abort' : 'resume', `bench sse round ${id}`);
    const times = (await told).split(' ').slice(2).map(Number);
    const all = Math.max(...times);
    if (id >= 1) { latencies.push(...times); allTold.push(all); }
    on = !on;
    process.stderr.write(`sse ${id >= 1 ? 'round' : 'warm-up'} ${id}: all ${n} told in ${all.toFixed(1)} ms\n`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const cpuPerChange_ms = cpuPerChange(cpuFrom, ROUNDS);
  const controllerFanOut = fanOutBetween(fanOutFrom, await fanOutBuckets());
  child.stdin.write('quit\n');
  return { mode: 'sse', client: 'native', subscribers: n, rounds: ROUNDS, warmup, changeToSubscriberTold_ms: stats(latencies),
    changeToAllTold_ms: stats(allTold), cpuPerChange_ms, controllerFanOut };
}

const result = mode === 'replica' ? await replica() : mode === 'sse' ? await (env('NATIVE_CLIENT') ? sseNative() : sse()) : (() => { throw new Error('mode: replica or sse'); })();
console.log(JSON.stringify(result));
process.exit(0);
