-- The task cap, checked inside the statement that inserts the task (one round trip instead of a
-- transaction of four): called for the new row's user_id, it locks the user's row, so creations
-- for one user run one at a time, then counts their tasks. A VOLATILE function takes a fresh
-- snapshot for each query it runs, so the count, made once the lock is held, sees every task a
-- concurrent creation committed while this one waited: bursts cannot exceed the cap.
CREATE FUNCTION "task_owner_within_cap"("owner" text, "cap" integer) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM 1 FROM "user" WHERE "id" = "owner" FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the account no longer exists' USING ERRCODE = 'DK001';
  END IF;
  IF (SELECT count(*) FROM "tasks" WHERE "user_id" = "owner") >= "cap" THEN
    RAISE EXCEPTION 'the task limit is reached' USING ERRCODE = 'DK002';
  END IF;
  RETURN "owner";
END;
$$;
