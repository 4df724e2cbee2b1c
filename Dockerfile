# pr-reviewer GitHub App: `docker build -t pr-reviewer .` then
# `docker run -p 3000:3000 -e APP_ID=... -e PRIVATE_KEY=... -e WEBHOOK_SECRET=... pr-reviewer`

# Build stage: all dependencies, compile TypeScript to dist/.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY detectors ./detectors
RUN npm run build

# Runtime stage: production dependencies and the compiled app only.
FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY app.yml ./
COPY bin ./bin
USER node
EXPOSE 3000
CMD ["npm", "start"]
