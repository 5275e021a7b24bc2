import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors.js";
import { actorOf } from "../auth/actor.js";
import {
  createTaskSchema,
  listTasksSchema,
  quickAddSchema,
  taskDtoSchema,
  taskIdParamsSchema,
  taskListSchema,
  updateTaskSchema,
  userIdParamsSchema,
} from "./task.schemas.js";
import type { TaskService } from "./task.service.js";

/** The task routes under one prefix: `/api/tasks` or the legacy `/api/:user_id/tasks`. */
function taskRoutes(plain: FastifyInstance, service: TaskService, prefix: string): void {
  const scope = plain.withTypeProvider<ZodTypeProvider>();
  const legacy = prefix.includes(":user_id");
  const tags = ["tasks"];
  const summary = (text: string) => (legacy ? `${text} (legacy path)` : text);
  const idParams = legacy
    ? taskIdParamsSchema.extend(userIdParamsSchema.shape)
    : taskIdParamsSchema;
  const listParams = legacy ? userIdParamsSchema : undefined;

  scope.get(
    prefix,
    {
      schema: {
        tags,
        summary: summary("List your tasks"),
        description:
          "Pending tasks by default (status=all for every task). Default order: soonest due first, undated last, then oldest created. due_before is exclusive, due_after inclusive.",
        ...(listParams ? { params: listParams } : {}),
        querystring: listTasksSchema,
        response: { 200: taskListSchema },
      },
      // The page is built from a fixed column list typed as exactly TaskDto (task.list-query.ts):
      // plain JSON.stringify writes the same bytes as the zod serializer without first copying
      // every task (that copy was a fifth of this route's allocations).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => service.list(actorOf(request), request.query),
  );

  scope.post(
    prefix,
    {
      schema: {
        tags,
        summary: summary("Create a task"),
        description:
          'due_at is an ISO instant with offset, or a date "YYYY-MM-DD" for an all-day task (stored as local midnight in your timezone).',
        ...(listParams ? { params: listParams } : {}),
        body: createTaskSchema,
        response: { 201: taskDtoSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.create(actorOf(request), request.body)),
  );

  scope.post(
    `${prefix}/quick-add`,
    {
      schema: {
        tags,
        summary: summary("Create a task from plain text"),
        ...(listParams ? { params: listParams } : {}),
        body: quickAddSchema,
        response: { 201: taskDtoSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.quickAdd(actorOf(request), request.body)),
  );

  scope.get(
    `${prefix}/:id`,
    {
      schema: {
        tags,
        summary: summary("Get a task"),
        params: idParams,
        response: { 200: taskDtoSchema },
      },
    },
    async (request) => service.get(actorOf(request), request.params.id),
  );

  scope.patch(
    `${prefix}/:id`,
    {
      schema: {
        tags,
        summary: summary("Change a task"),
        description:
          "Any task field; completed: true completes it (a recurring task moves to its next occurrence and stays open), false reopens it.",
        params: idParams,
        body: updateTaskSchema,
        response: { 200: taskDtoSchema },
      },
    },
    async (request) => service.update(actorOf(request), request.params.id, request.body),
  );

  scope.post(
    `${prefix}/:id/toggle`,
    {
      schema: {
        tags,
        summary: summary("Complete or reopen a task"),
        params: idParams,
        response: { 200: taskDtoSchema },
      },
    },
    async (request) => service.toggle(actorOf(request), request.params.id),
  );

  scope.delete(
    `${prefix}/:id`,
    {
      schema: {
        tags,
        summary: summary("Delete a task"),
        params: idParams,
        response: { 204: z.null().describe("Deleted") },
      },
    },
    async (request, reply) => {
      await service.remove(actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}

/** Legacy paths name the user: anyone else's id is a 403, checked before the body is validated. */
async function requireOwnUserId(request: FastifyRequest): Promise<void> {
  const { user_id: userId } = request.params as { user_id?: string };
  if (userId !== actorOf(request).userId) {
    throw new AppError(403, "FORBIDDEN", "This path names another user; use /api/tasks.");
  }
}

/** `/api/tasks...` and the legacy aliases `/api/{user_id}/tasks...`, behind `app.authenticate`. */
export async function registerTaskRoutes(
  app: FastifyInstance,
  service: TaskService,
): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook("onRequest", scope.authenticate);
    taskRoutes(scope, service, "/api/tasks");
  });
  await app.register(async (scope) => {
    scope.addHook("onRequest", scope.authenticate);
    scope.addHook("preValidation", requireOwnUserId);
    taskRoutes(scope, service, "/api/:user_id/tasks");
  });
}
