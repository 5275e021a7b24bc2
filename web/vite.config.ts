import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type UserConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));

const config = {
  root: webRoot,
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // The CSP forbids inline scripts; keep every script a file.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
    // The first page (React, the AI SDK chat client, markdown) is ~176 kB gzip; see bench/README.md.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      "/api": "http://localhost:8000",
      "/health": "http://localhost:8000",
    },
  },
} satisfies UserConfig;

/** Builds the web UI into dist/web at the package root; the server serves it from there. */
export default defineConfig(({ command }) => {
  // A build is always the production app, even when started from a test run (NODE_ENV=test),
  // which would otherwise resolve and ship React's development build.
  if (command === "build") process.env.NODE_ENV = "production";
  return config;
});
