// Type-checks the web app when it exists (it has its own tsconfig for the DOM and JSX).
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

if (existsSync(new URL("../web/tsconfig.json", import.meta.url))) {
  execSync("tsc -p web/tsconfig.json --noEmit", { stdio: "inherit" });
}
