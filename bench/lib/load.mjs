// Load generation with autocannon, and the statistics reported.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

/**
 * One measurement: `duration` seconds of closed-loop load on `connections` keep-alive connections. With the
 * server's `pid`, also the server's CPU time per request: unlike requests/s it hardly moves when other
 * processes compete for the core, so it still compares stacks fairly on a busy machine.
 */
export async function measure({ url, path, method = "GET", headers = {}, body, connections, duration, pid }) {
  const cpuBefore = cpuMicros(pid);
  const result = await autocannon({ url: url + path, method, headers, body, connections, duration });
  const cpuAfter = cpuMicros(pid);
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    cpuUsPerRequest:
      cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / result.requests.total,
    bad: result.non2xx + result.errors + result.timeouts,
  };
}

const clockTicks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

/** User + system CPU time of a process in microseconds (Linux /proc), or undefined elsewhere. */
function cpuMicros(pid) {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / clockTicks; // utime, stime
  } catch {
    return undefined;
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
