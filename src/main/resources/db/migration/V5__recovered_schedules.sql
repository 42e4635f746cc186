-- A recovered delivery starts its retry schedule again (POST /webhooks/{id}/recover): schedule_start is the
-- attempt_count at which the current schedule began, so the k-th retry after it waits the schedule's k-th wait.
ALTER TABLE webhook_delivery ADD COLUMN schedule_start INTEGER DEFAULT 0 NOT NULL;
