# Guidepost as a container. Not built in the repository's CI (no Docker engine there): see README,
# "Run it as a service". test/deploy/deploy-kit.test.ts checks what can be checked without building it.
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    STORE_FILE=/data/onboarding.json \
    HEALTH_PORT=8080

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them (the build comes after the code:
# --ignore-scripts skips the `prepare` build). esbuild and tsx are runtime dependencies.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
COPY locales ./locales
COPY deploy/healthcheck.mjs deploy/build.mjs deploy/json-packages.mjs ./deploy/
# dist/main.js (and its adapter chunks in dist/chunks/): what the entry point runs, no tsx loader at run time.
RUN node deploy/build.mjs

# The store lives on a volume, owned by the unprivileged `node` user (uid 1000) the image provides.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node

# 3000: Slack HTTP mode (/slack/events); 8080: GET /healthz.
EXPOSE 3000 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "deploy/healthcheck.mjs"]

# The command `npm start` runs, without npm in between: node is PID 1 and gets SIGTERM itself.
ENTRYPOINT ["node", "--max-semi-space-size=16", "--max-old-space-size=512", "--import", "./src/stop-before-start.mjs", "dist/main.js"]
