// `pnpm bench`: builds (via the root script), then measures the scenarios of scenarios.mjs.
//
// Method: every server runs in its own process pinned to core 0 (taskset); this process, which generates the
// load with autocannon, is pinned to the other cores. After a warm-up of each scenario come several rounds;
// each round measures every scenario once, in an order that rotates, so drift (thermal, other load) spreads
// evenly. Reported: the median over rounds of requests/s, p99 latency and the server's CPU µs per request,
// ratios against baselines measured in the same run, the probes (one-shot measurements per round), and the
// public-hook fast paths against the libraries they stand in for (lib/micro.mjs).
// Options (flag, or environment for a short run on a busy machine): --rounds / BENCH_ROUNDS (5),
// --duration / BENCH_DURATION seconds (5), --warmup / BENCH_WARMUP seconds (3), --connections /
// BENCH_CONNECTIONS (10), --micro-ms / BENCH_MICRO_MS per fast-path measurement (500), --only a,b.
import { existsSync, mkdtempSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { median, measure } from "./lib/load.mjs";
import { runMicro } from "./lib/micro.mjs";
import { hasTaskset, pinSelf, startServer } from "./lib/servers.mjs";
import { measureAiCost, reportAiCost } from "./lib/streams.mjs";
import {
  comparisons,
  probes as allProbes,
  scenarios as allScenarios,
  servers as serverSpecs,
  teardown,
} from "./scenarios.mjs";

const { values: opts } = parseArgs({
  options: {
    rounds: { type: "string", default: process.env.BENCH_ROUNDS ?? "5" },
    duration: { type: "string", default: process.env.BENCH_DURATION ?? "5" },
    warmup: { type: "string", default: process.env.BENCH_WARMUP ?? "3" },
    connections: { type: "string", default: process.env.BENCH_CONNECTIONS ?? "10" },
    "micro-ms": { type: "string", default: process.env.BENCH_MICRO_MS ?? "500" },
    only: { type: "string" },
  },
});
const rounds = Number(opts.rounds);
const duration = Number(opts.duration);
const connections = Number(opts.connections);
const only = opts.only?.split(",");
const scenarios = allScenarios.filter((s) => !only || only.includes(s.name));
const probes = allProbes.filter((p) => !only || only.includes(p.name));

const sousDist = new URL("../apps/server/dist/main.js", import.meta.url);
if (!existsSync(sousDist)) {
  console.error("apps/server/dist is missing: run `pnpm bench` (it builds first) or `pnpm build`.");
  process.exit(1);
}

const cores = availableParallelism();
if (!hasTaskset) console.log("note: taskset not found; servers and load generator are not pinned to cores");
else if (cores < 2) console.log("note: one core only; the load generator shares it with the servers");
else if (pinSelf(cores === 2 ? "1" : `1-${cores - 1}`)) console.log(`servers on core 0, load on cores 1-${cores - 1}`);

const logDir = mkdtempSync(join(tmpdir(), "sous-bench-logs-"));
const running = new Map();
const stopAll = () => Promise.all([...running.values()].map((s) => s.stop()));
process.once("SIGINT", () => stopAll().then(teardown).then(() => process.exit(130)));

try {
  for (const name of new Set([...scenarios, ...probes].map((s) => s.server))) {
    const spec = serverSpecs[name];
    const env = typeof spec.env === "function" ? await spec.env() : spec.env;
    running.set(name, await startServer({ name, script: spec.script, env, readyPath: spec.readyPath, logDir }));
  }
  const prepared = [];
  for (const scenario of scenarios) {
    const { url } = running.get(scenario.server);
    prepared.push({ ...scenario, url, request: await scenario.prepare(url), runs: [] });
  }

  const run = (s, seconds) =>
    measure({ url: s.url, ...s.request, connections, duration: seconds, pid: running.get(s.server).pid });
  for (const s of prepared) {
    const warm = await run(s, Number(opts.warmup));
    if (warm.bad > 0) throw new Error(`${s.name}: ${warm.bad} failed requests during warm-up; fix the scenario`);
  }
  console.log(`${rounds} rounds × ${duration} s per scenario, ${connections} connections (logs in ${logDir})`);
  for (let round = 0; round < rounds; round++) {
    const order = prepared.map((_, i) => prepared[(i + round) % prepared.length]);
    for (const s of order) s.runs.push(await run(s, duration));
    console.log(`  round ${round + 1}: ${prepared.map((s) => `${s.name} ${Math.round(s.runs.at(-1).requestsPerSecond)}/s`).join(", ")}`);
    for (const p of probes) {
      const urls = Object.fromEntries([...running].map(([name, server]) => [name, server.url]));
      const result = await p.run(running.get(p.server).url, round, urls);
      (p.results ??= []).push(result);
      console.log(`    ${p.name}: ${result.summary}`);
    }
  }

  const results = new Map(
    prepared.map((s) => [
      s.name,
      {
        label: s.label,
        rps: median(s.runs.map((r) => r.requestsPerSecond)),
        p99: median(s.runs.map((r) => r.p99Ms)),
        cpuUs: s.runs.some((r) => r.cpuUsPerRequest === undefined) ? undefined : median(s.runs.map((r) => r.cpuUsPerRequest)),
        bad: s.runs.reduce((n, r) => n + r.bad, 0),
      },
    ]),
  );
  console.log("\nmedians");
  for (const r of results.values()) {
    const cpu = r.cpuUs === undefined ? "" : `   server CPU ${Math.round(r.cpuUs).toString().padStart(5)} µs/req`;
    console.log(`  ${r.label.padEnd(60)} ${Math.round(r.rps).toString().padStart(7)} req/s   p99 ${r.p99.toFixed(1).padStart(6)} ms${cpu}${r.bad ? `   ${r.bad} failed!` : ""}`);
  }

  console.log("\nratios (requests/s, scenario/baseline; then each side's p99 and server CPU µs per request)");
  const missed = [];
  for (const c of comparisons) {
    const [a, b] = [results.get(c.scenario), results.get(c.baseline)];
    if (!a || !b) continue;
    const ratio = a.rps / b.rps;
    // `min`: least requests/s ratio; `maxP99Ratio`: most the scenario's p99 may be, in multiples of the baseline's.
    const p99Ok = c.maxP99Ratio === undefined || a.p99 < c.maxP99Ratio * b.p99;
    const target = [c.min === undefined ? "" : `≥ ${c.min}×`, c.maxP99Ratio === undefined ? "" : `p99 < ${c.maxP99Ratio}× baseline's`]
      .filter(Boolean)
      .join(", ");
    const ok = (c.min === undefined || ratio >= c.min) && p99Ok;
    const verdict = target === "" ? "" : `  ${ok ? "PASS" : "FAIL"} (target ${target})`;
    if (!ok) missed.push(c.label);
    const cpu = (r) => (r.cpuUs === undefined ? "?" : Math.round(r.cpuUs));
    console.log(`  ${c.label.padEnd(68)} ${ratio.toFixed(2)}×${verdict}`);
    console.log(`  ${"".padEnd(68)} p99 ${a.p99.toFixed(1)} vs ${b.p99.toFixed(1)} ms, CPU ${cpu(a)} vs ${cpu(b)} µs/req`);
  }
  if (missed.length > 0) console.log(`\ntargets missed: ${missed.join("; ")}`);
  for (const p of probes) {
    console.log(`\n${p.label}`);
    for (const line of p.report(p.results)) console.log(`  ${line}`);
  }
  const microMs = Number(opts["micro-ms"]);
  if (microMs > 0 && !only) {
    console.log("\nfast paths on public hooks vs the library each stands in for (µs per operation, this process)");
    for (const m of await runMicro({ rounds: Math.max(1, rounds), ms: microMs })) {
      console.log(`  ${m.label.padEnd(88)} ${m.libraryUs.toFixed(1).padStart(8)} → ${m.oursUs.toFixed(1).padStart(7)} µs  (${(m.libraryUs / m.oursUs).toFixed(1)}× faster, saves ${(m.libraryUs - m.oursUs).toFixed(1)} µs)`);
    }
  }
  if (!only || only.includes("ai-cost")) {
    console.log("\nAI cost (counts, not timings)");
    for (const line of reportAiCost(await measureAiCost({ logDir }))) console.log(`  ${line}`);
  }
} finally {
  await stopAll();
  await teardown();
}
