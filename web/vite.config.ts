import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin, type UserConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));

/**
 * Writes `.br` and `.gz` beside every text asset, so the server (`@fastify/static` with
 * `preCompressed`) sends compressed files without compressing on each request.
 */
function precompress(): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: "docket-precompress",
    apply: "build",
    writeBundle(options) {
      if (!options.dir) return;
      for (const file of walk(options.dir)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file) || statSync(file).size < 1024) continue;
        const content = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

const config = {
  root: webRoot,
  base: "/",
  plugins: [react(), precompress()],
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
