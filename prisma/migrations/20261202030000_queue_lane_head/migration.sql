-- A row is claimed only while no earlier row of its lane is unfinished (one person's events and messages
-- stay in order even when the process that stored a row hands it straight to its worker): this index
-- answers that check in one lookup however long the queue is.
-- CreateIndex
CREATE INDEX "InboundEvent_lane_status_id_idx" ON "InboundEvent"("lane", "status", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_lane_status_id_idx" ON "OutboxMessage"("lane", "status", "id");
