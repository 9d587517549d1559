# The FUT case service. Node 22 LTS (Node 20 reached end of life on 2026-04-30);
# the project also builds and tests on Node 20, as CI does.
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM build AS prod-deps
RUN npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
# Inside a container the service listens on every interface; the port is published by compose or the orchestrator.
# Development mode refuses NODE_ENV=production and a non-loopback HOST: configure OIDC (OIDC_ISSUER,
# OIDC_AUDIENCE, OIDC_JWKS_URL) and MASTER_KEY or MASTER_KEY_FILE, or the service refuses to start.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/fut \
    EVENT_STORE_URL=sqlite:/var/lib/fut/events.db
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web interface, served by the service itself (src/session/web-ui.ts looks for web/dist beside dist).
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
RUN mkdir -p /var/lib/fut && chown node:node /var/lib/fut && chmod 700 /var/lib/fut
USER node
VOLUME /var/lib/fut
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
