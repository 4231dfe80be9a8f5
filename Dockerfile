# syntax=docker/dockerfile:1
# Sous in one image: the workspace is built in a throwaway stage, then `pnpm deploy` copies @sous/server with
# only its production dependencies (workspace packages included, built) next to the built web app onto
# node:20-slim. Runs as the unprivileged `node` user; the embedded database and generated secrets live in
# the /data volume. Build: `docker build -t sous .` (add `--build-arg VITE_GOOGLE_CLIENT_ID=…` for the
# Google button).

FROM node:20-slim AS build
WORKDIR /src
ENV CI=true
RUN npm install --global --no-audit --no-fund pnpm@12.21.0
COPY . .
RUN pnpm install --frozen-lockfile
ARG VITE_GOOGLE_CLIENT_ID=""
ENV VITE_GOOGLE_CLIENT_ID=${VITE_GOOGLE_CLIENT_ID}
RUN pnpm exec turbo run build --filter @sous/server... --filter @sous/web
# --legacy: copy the workspace packages as they are (their built dist/ included) instead of injecting them.
RUN pnpm --filter @sous/server deploy --prod --legacy /out/server && cp -r apps/web/dist /out/web

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    WEB_DIST_DIR=/app/web
WORKDIR /app/server
# Owned by root and read-only to the server; only /data is writable by it.
COPY --from=build /out/server /app/server
COPY --from=build /out/web /app/web
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# main.ts drains on SIGTERM: readiness turns 503, in-flight requests finish, then it exits 0.
STOPSIGNAL SIGTERM
# node:20-slim has no curl or wget; Node's own fetch asks the liveness probe.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "./dist/tracing.js", "dist/main.js"]
