/**
 * Process entry: read the configuration, start Sous (start.ts wires everything), log where it listens, and
 * stop gracefully on SIGTERM/SIGINT (readiness 503, in-flight requests finish, connections close, exit 0).
 * Process-level concerns only: signals, exit codes, last-resort error logging.
 */
import { ConfigError, loadConfig } from "./env.js";
import { createLogger } from "./logger.js";
import { runShutdownHooks } from "./observability/shutdown-hooks.js";
import { startSous } from "./start.js";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));

  const sous = await startSous(config, { logger });
  logger.info({ url: sous.url, env: config.nodeEnv }, `Sous listening on ${sous.url}`);

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, "shutting down");
    sous.stop().then(
      async () => {
        await runShutdownHooks();
        logger.info({}, "stopped");
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch((err: unknown) => {
  console.error("Sous failed to start:", err);
  process.exit(1);
});
