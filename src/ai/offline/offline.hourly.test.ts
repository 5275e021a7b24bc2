import { describe, expect, it } from "vitest";
import { FakeTaskStore } from "../../../test/fakes/task-tools.js";
import { OfflineChat } from "../../../test/helpers/offline-chat.js";

const NOW = new Date("2026-03-11T10:20:00Z"); // a Wednesday

describe("offline model — tasks that repeat by the hour", () => {
  it("adds 'every 8 hours' as an hourly rule from the next full hour and says how it repeats", async () => {
    const store = new FakeTaskStore(NOW);
    const chat = new OfflineChat(store.tools(), { timezone: "UTC", now: NOW });
    const turn = await chat.say("add take meds every 8 hours");
    expect(store.tasks.find((task) => task.title === "take meds")).toMatchObject({
      recurrence: "FREQ=HOURLY;INTERVAL=8",
      due_at: "2026-03-11T11:00:00.000Z",
    });
    expect(turn.reply).toContain("every 8 hours");
  });
});
