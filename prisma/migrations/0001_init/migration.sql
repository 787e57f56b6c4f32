-- One sequence numbers every write of every resource, so a resourceVersion (and the ETag made from it)
-- is never reused, not even after a resource is deleted and created again under the same name.
CREATE SEQUENCE "resource_version_seq";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "meta" (
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meta_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "instances" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "description" TEXT,
    "resource_version" BIGINT NOT NULL DEFAULT nextval('resource_version_seq'),
    "content_version" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "instances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "endpoints" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "instance_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "labels" JSONB,
    "annotations" JSONB,
    "spec" JSONB NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "resource_version" BIGINT NOT NULL DEFAULT nextval('resource_version_seq'),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endpoint_type" TEXT NOT NULL,
    "host" TEXT,

    CONSTRAINT "endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "profiles" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "instance_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "labels" JSONB,
    "annotations" JSONB,
    "spec" JSONB NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "resource_version" BIGINT NOT NULL DEFAULT nextval('resource_version_seq'),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "instance_count" INTEGER NOT NULL,

    CONSTRAINT "profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataflows" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "instance_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "labels" JSONB,
    "annotations" JSONB,
    "spec" JSONB NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "resource_version" BIGINT NOT NULL DEFAULT nextval('resource_version_seq'),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "profile_id" UUID,
    "profile_name" TEXT NOT NULL,
    "draft" BOOLEAN NOT NULL DEFAULT false,
    "issues" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "dataflows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataflow_endpoint_refs" (
    "dataflow_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,

    CONSTRAINT "dataflow_endpoint_refs_pkey" PRIMARY KEY ("dataflow_id","endpoint_id")
);

-- CreateTable
CREATE TABLE "dataflow_graphs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "instance_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "labels" JSONB,
    "annotations" JSONB,
    "spec" JSONB NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "resource_version" BIGINT NOT NULL DEFAULT nextval('resource_version_seq'),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "profile_id" UUID,
    "profile_name" TEXT NOT NULL,
    "draft" BOOLEAN NOT NULL DEFAULT false,
    "issues" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "dataflow_graphs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataflow_graph_endpoint_refs" (
    "graph_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,

    CONSTRAINT "dataflow_graph_endpoint_refs_pkey" PRIMARY KEY ("graph_id","endpoint_id")
);

-- CreateTable
CREATE TABLE "revisions" (
    "id" BIGSERIAL NOT NULL,
    "instance_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "operation" TEXT NOT NULL,
    "actor" TEXT,
    "resource" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "instances_name_key" ON "instances"("name");

-- CreateIndex
CREATE INDEX "endpoints_instance_id_endpoint_type_idx" ON "endpoints"("instance_id", "endpoint_type");

-- CreateIndex
CREATE UNIQUE INDEX "endpoints_instance_id_name_key" ON "endpoints"("instance_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "profiles_instance_id_name_key" ON "profiles"("instance_id", "name");

-- CreateIndex
CREATE INDEX "dataflows_instance_id_profile_name_idx" ON "dataflows"("instance_id", "profile_name");

-- CreateIndex
CREATE UNIQUE INDEX "dataflows_instance_id_name_key" ON "dataflows"("instance_id", "name");

-- CreateIndex
CREATE INDEX "dataflow_endpoint_refs_endpoint_id_idx" ON "dataflow_endpoint_refs"("endpoint_id");

-- CreateIndex
CREATE INDEX "dataflow_graphs_instance_id_profile_name_idx" ON "dataflow_graphs"("instance_id", "profile_name");

-- CreateIndex
CREATE UNIQUE INDEX "dataflow_graphs_instance_id_name_key" ON "dataflow_graphs"("instance_id", "name");

-- CreateIndex
CREATE INDEX "dataflow_graph_endpoint_refs_endpoint_id_idx" ON "dataflow_graph_endpoint_refs"("endpoint_id");

-- CreateIndex
CREATE UNIQUE INDEX "revisions_instance_id_kind_name_revision_key" ON "revisions"("instance_id", "kind", "name", "revision");

-- AddForeignKey
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instances"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instances"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataflows" ADD CONSTRAINT "dataflows_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instances"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataflows" ADD CONSTRAINT "dataflows_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "profiles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataflow_endpoint_refs" ADD CONSTRAINT "dataflow_endpoint_refs_dataflow_id_fkey" FOREIGN KEY ("dataflow_id") REFERENCES "dataflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataflow_endpoint_refs" ADD CONSTRAINT "dataflow_endpoint_refs_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataflow_graphs" ADD CONSTRAINT "dataflow_graphs_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instances"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataflow_graphs" ADD CONSTRAINT "dataflow_graphs_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "profiles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataflow_graph_endpoint_refs" ADD CONSTRAINT "dataflow_graph_endpoint_refs_graph_id_fkey" FOREIGN KEY ("graph_id") REFERENCES "dataflow_graphs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataflow_graph_endpoint_refs" ADD CONSTRAINT "dataflow_graph_endpoint_refs_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "instances"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every UPDATE of a resource row takes the next resourceVersion; INSERTs get it from the column default.
-- An instance's own version changes only with its own fields, not with content_version.
CREATE FUNCTION "next_resource_version"() RETURNS trigger AS $$
BEGIN
  NEW."resource_version" := nextval('resource_version_seq');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "instances_resource_version" BEFORE UPDATE OF "name", "namespace", "description" ON "instances"
  FOR EACH ROW EXECUTE FUNCTION "next_resource_version"();
CREATE TRIGGER "endpoints_resource_version" BEFORE UPDATE ON "endpoints"
  FOR EACH ROW EXECUTE FUNCTION "next_resource_version"();
CREATE TRIGGER "profiles_resource_version" BEFORE UPDATE ON "profiles"
  FOR EACH ROW EXECUTE FUNCTION "next_resource_version"();
CREATE TRIGGER "dataflows_resource_version" BEFORE UPDATE ON "dataflows"
  FOR EACH ROW EXECUTE FUNCTION "next_resource_version"();
CREATE TRIGGER "dataflow_graphs_resource_version" BEFORE UPDATE ON "dataflow_graphs"
  FOR EACH ROW EXECUTE FUNCTION "next_resource_version"();
