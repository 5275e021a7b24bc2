// One file per area; drizzle-kit reads this barrel to generate migrations.
export * from "./auth.js";
export * from "./tasks.js";
export * from "./chat.js";
