-- Written by hand (Prisma cannot express triggers). Every committed change of an instance row (a resource
-- write bumps its content_version; an edit bumps resource_version; a delete removes it) is announced on the
-- channel `flowplane_instance_changes` with the instance's name, so API processes that remember instance
-- stamps (apps/api/src/db/instance-stamps.ts) forget them. NOTIFY is delivered only at commit.
CREATE FUNCTION "flowplane_notify_instance_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('flowplane_instance_changes', OLD."name");
    IF TG_OP = 'UPDATE' AND NEW."name" IS DISTINCT FROM OLD."name" THEN
        PERFORM pg_notify('flowplane_instance_changes', NEW."name");
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "instances_notify_change"
    AFTER UPDATE OR DELETE ON "instances"
    FOR EACH ROW EXECUTE FUNCTION "flowplane_notify_instance_change"();
