-- CreateIndex
CREATE INDEX "InboundEvent_lane_status_id_idx" ON "InboundEvent"("lane", "status", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_lane_status_id_idx" ON "OutboxMessage"("lane", "status", "id");

