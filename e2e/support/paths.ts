import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Where tests save screenshots of the main screens (gitignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL("../screenshots", import.meta.url));
