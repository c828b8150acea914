/** Where the project's own files are, wherever the process was started from. */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const MIGRATIONS_DIR = join(ROOT, "graph-migrations");
