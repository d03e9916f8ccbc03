# The course in one container: the built site, the sandbox origin and the API in one Node
# process (server/server.ts). README "Deploy" shows how to run it; compose.yaml runs two of them
# behind nginx with Redis. deploy/dockerfile.test.ts runs these very instructions without
# Docker (this project's CI machines have no container engine).

ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Build: every dependency (Astro, esbuild, …) to build dist/ and dist-sandbox/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The public address the site is built for (canonical links, Open Graph, sitemap.xml, robots.txt,
# llms.txt): docker build --build-arg COURSE_ORIGIN=https://course.example . Without it the
# build names the loopback default, as `npm run build` does.
ARG COURSE_ORIGIN
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only: what server/server.ts imports at run time.
FROM ${NODE_IMAGE} AS production-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 3. The image: production dependencies, the build output and the server's source (Node 24
#    runs TypeScript by stripping its types), owned by root and run as the unprivileged `node`.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4321
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/dist-sandbox ./dist-sandbox
COPY package.json ./
COPY api ./api
COPY server ./server
# Code that runs in the browser and on the server alike (the server imports nothing else of src/).
COPY src/shared ./src/shared
USER node
# PORT; and SANDBOX_PORT (PORT + 1) unless SANDBOX_ORIGIN gives sandboxes a host of their own.
EXPOSE 4321 4322
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 CMD ["node", "api/health/healthcheck.ts"]
# SIGTERM (docker stop, a rolling update): stop accepting, finish open requests, exit 0.
STOPSIGNAL SIGTERM
CMD ["node", "server/server.ts"]
