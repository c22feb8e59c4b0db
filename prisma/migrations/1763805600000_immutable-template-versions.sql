-- Up Migration
-- A published template version is a record of what releases were created from: the
-- database refuses to change it, its sections or its items, whatever the caller.
CREATE FUNCTION "refuse_published_template_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  version_id uuid;
BEGIN
  IF TG_TABLE_NAME = 'template_versions' THEN
    IF OLD."published_at" IS NULL THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'template version % is published and cannot be changed', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  version_id := OLD."template_version_id";
  IF EXISTS (SELECT 1 FROM "template_versions" WHERE "id" = version_id AND "published_at" IS NOT NULL) THEN
    RAISE EXCEPTION 'template version % is published: its % cannot be changed', version_id, TG_TABLE_NAME
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "template_versions_immutable" BEFORE UPDATE ON "template_versions"
  FOR EACH ROW EXECUTE FUNCTION "refuse_published_template_change"();
CREATE TRIGGER "template_sections_immutable" BEFORE UPDATE ON "template_sections"
  FOR EACH ROW EXECUTE FUNCTION "refuse_published_template_change"();
CREATE TRIGGER "template_items_immutable" BEFORE UPDATE ON "template_items"
  FOR EACH ROW EXECUTE FUNCTION "refuse_published_template_change"();

-- Down Migration
DROP TRIGGER "template_items_immutable" ON "template_items";
DROP TRIGGER "template_sections_immutable" ON "template_sections";
DROP TRIGGER "template_versions_immutable" ON "template_versions";
DROP FUNCTION "refuse_published_template_change"();
