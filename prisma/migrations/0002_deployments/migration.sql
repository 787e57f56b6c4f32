-- CreateTable
CREATE TABLE "deployments" (
    "id" BIGSERIAL NOT NULL,
    "instance_id" UUID NOT NULL,
    "target" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "resource_count" INTEGER NOT NULL,
    "actor" TEXT,
    "resources" JSONB NOT NULL,
    "plan" JSONB,
    "issues" JSONB NOT NULL DEFAULT '[]',
    "detail" TEXT,

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- Added by hand (Prisma cannot express it): the three outcomes the API writes, and nothing else.
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_outcome_check"
    CHECK ("outcome" IN ('succeeded', 'refused', 'failed'));

-- CreateIndex
CREATE INDEX "deployments_instance_id_id_idx" ON "deployments"("instance_id", "id" DESC);

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instances"("id") ON DELETE CASCADE ON UPDATE CASCADE;

