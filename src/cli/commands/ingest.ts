import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { eq } from "drizzle-orm";
import { pino } from "pino";
import { buildApp } from "../../app.js";
import { user } from "../../db/schema/index.js";
import type { Actor } from "../../modules/auth/actor.js";
import type { KnowledgeService } from "../../modules/knowledge/knowledge.service.js";
import { SUPPORTED_EXTENSIONS } from "../../modules/knowledge/parsing/document.parser.js";
import { CliUsageError, parseFlags, type Command } from "../command.js";

/**
 * Files named on the command line, and supported files found under named folders; `ignored`
 * receives the files of other types found in folders (hidden entries are not looked at).
 */
export async function collectFiles(paths: string[], ignored: string[] = []): Promise<string[]> {
  const files: string[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    const info = await stat(path);
    if (info.isDirectory()) {
      const entries = await readdir(path);
      for (const entry of entries.sort()) {
        if (!entry.startsWith(".")) await visit(join(path, entry), false);
      }
    } else if (explicit || SUPPORTED_EXTENSIONS.includes(extname(path).toLowerCase())) {
      files.push(path);
    } else {
      ignored.push(path);
    }
  };
  for (const path of paths) await visit(resolve(path), true);
  return files;
}

/** "3 .docx, 1 .png": the file types found in folders and left out, most frequent first. */
function describeIgnored(paths: string[]): string {
  const counts = new Map<string, number>();
  for (const path of paths) {
    const type = extname(path).toLowerCase() || "no extension";
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([type, count]) => `${count} ${type}`)
    .join(", ");
}

function progress(done: number, total: number, name: string): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(
    `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${name.slice(0, 40).padEnd(40)}`,
  );
}

/** Files read per `ingestMany` call, and about how many bytes (the service batches further). */
const READ_BATCH_FILES = 256;
const READ_BATCH_BYTES = 8 * 1024 * 1024;

/** What `ingestFiles` did. */
export interface IngestFilesReport {
  ingested: number;
  skipped: number;
  failed: number;
  /** One line per failed file: its path and the reason. */
  failures: string[];
}

/**
 * Ingests files into the actor's knowledge base, several per transaction (`ingestMany`); a file
 * that cannot be read or indexed fails alone. This is `docket ingest` without the terminal.
 */
export async function ingestFiles(
  knowledge: KnowledgeService,
  actor: Actor,
  files: string[],
  onProgress: (done: number, file: string) => void = () => undefined,
): Promise<IngestFilesReport> {
  const report: IngestFilesReport = { ingested: 0, skipped: 0, failed: 0, failures: [] };
  const fail = (file: string, error: unknown) => {
    report.failed++;
    report.failures.push(`  ${file}: ${(error as Error).message}`);
  };
  let done = 0;
  while (done < files.length) {
    const batch: { file: string; data: Buffer }[] = [];
    let bytes = 0;
    while (done < files.length && batch.length < READ_BATCH_FILES && bytes < READ_BATCH_BYTES) {
      const file = files[done++] as string;
      try {
        const data = await readFile(file);
        batch.push({ file, data });
        bytes += data.byteLength;
      } catch (error) {
        fail(file, error);
      }
    }
    const outcomes = await knowledge.ingestMany(
      actor,
      batch.map(({ file, data }) => ({
        data,
        filename: basename(file),
        sourceKey: `file://${file}`,
      })),
    );
    for (const [index, { file }] of batch.entries()) {
      const outcome = outcomes[index];
      if (!outcome) fail(file, new Error("not ingested"));
      else if (!outcome.ok) fail(file, outcome.error);
      else if (outcome.result.outcome === "unchanged") report.skipped++;
      else report.ingested++;
    }
    onProgress(done, files[done - 1] ?? "");
  }
  // Searches right after a large import get planner statistics and index-only scans.
  await knowledge.statistics.refreshNow();
  return report;
}

/** `docket ingest <files or folders...> --email <owner>`: add documents to a user's knowledge base. */
export const ingestCommand: Command = {
  name: "ingest",
  summary: "Add text, markdown, HTML and PDF files to a user's knowledge base",
  help: "Usage: docket ingest <files or folders...> --email <owner>\n\nFolders are walked for .txt, .md, .html and .pdf files. Unchanged files are skipped;\nchanged files replace their previous version.",
  async run(args, config) {
    const { values, positionals } = parseFlags(args, { email: { type: "string" } }, true);
    if (!values.email) throw new CliUsageError("ingest needs --email <owner>");
    if (positionals.length === 0)
      throw new CliUsageError("ingest needs at least one file or folder");
    const ignored: string[] = [];
    const files = await collectFiles(positionals, ignored).catch((error: unknown) => {
      throw new CliUsageError((error as Error).message);
    });
    const app = await buildApp(config, {
      webUi: false,
      logger: pino({ level: "warn" }, pino.destination(2)),
    });
    try {
      const [owner] = await app.db
        .select({ id: user.id, timezone: user.timezone })
        .from(user)
        .where(eq(user.email, values.email.toLowerCase()));
      if (!owner) {
        console.error(`docket: no user with email ${values.email}`);
        return 1;
      }
      const actor = { userId: owner.id, timezone: owner.timezone, via: "session" as const };
      const report = await ingestFiles(app.knowledge, actor, files, (done, file) => {
        progress(done, files.length, basename(file));
      });
      // Large files were queued: index them now rather than leave them to the server.
      await app.knowledgeWorker.drain();
      progress(files.length, files.length, "done");
      if (process.stderr.isTTY) process.stderr.write("\n");
      // A file found in a folder and also named on its own was tried: not left out.
      const leftOut = ignored.filter((path) => !files.includes(path));
      const notSupported =
        leftOut.length > 0
          ? `, ${leftOut.length} not supported (${describeIgnored(leftOut)}) left out`
          : "";
      console.log(
        `${report.ingested} ingested, ${report.skipped} skipped (unchanged), ${report.failed} failed${notSupported}`,
      );
      if (report.failures.length > 0) console.log(`Failed:\n${report.failures.join("\n")}`);
      return report.failed > 0 ? 1 : 0;
    } finally {
      await app.close();
    }
  },
};
