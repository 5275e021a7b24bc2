import type { FastifyInstance } from "fastify";
import { parseQuickAdd } from "./quick-add.js";
import { registerTaskRoutes } from "./task.routes.js";
import { createTaskService, type TaskService } from "./task.service.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The task service: HTTP routes, chat tools and MCP tools all call it with an actor. */
    tasks: TaskService;
  }
}

/** Tasks: the service (`app.tasks`) and its routes. Register after accounts (`app.authenticate`). */
export async function registerTasks(app: FastifyInstance): Promise<void> {
  const service = createTaskService({ db: app.db, config: app.config, parseQuickAdd });
  app.decorate("tasks", service);
  await registerTaskRoutes(app, service);
}
