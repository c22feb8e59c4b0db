-- Up Migration
-- Positions become a running count in document order over a whole checklist (sections in
-- document order; a section's own items, children right after their parent, before its
-- subsections), so "ORDER BY position" reads items as the document does. They were the
-- index among siblings. Sibling order is kept, so every tree reads the same as before.
--
-- Sort paths: a section's path is its sibling ranks (from 1) from the root; an item's is its
-- section's path, then 0 (before any subsection's rank), then its own sibling ranks.
-- Sibling ranks, not raw positions, so that two siblings sharing a position cannot
-- interleave their subtrees.
--
-- A published template version refuses any change to its rows (template_*_immutable). The
-- order of its sections and items is not changed here, only how it is numbered, so those
-- triggers are off for these two statements and back on in the same transaction.
ALTER TABLE "template_sections" DISABLE TRIGGER "template_sections_immutable";
ALTER TABLE "template_items" DISABLE TRIGGER "template_items_immutable";

WITH RECURSIVE
  ranked AS (
    SELECT "id", "template_version_id" AS "scope", "parent_id",
      row_number() OVER (PARTITION BY "template_version_id", "parent_id" ORDER BY "position", "id") AS "rank"
    FROM "template_sections"
  ),
  paths AS (
    SELECT "id", "scope", ARRAY["rank"] AS "path" FROM ranked WHERE "parent_id" IS NULL
    UNION ALL
    SELECT c."id", c."scope", p."path" || c."rank" FROM ranked c JOIN paths p ON c."parent_id" = p."id"
  ),
  numbered AS (
    SELECT "id", (row_number() OVER (PARTITION BY "scope" ORDER BY "path") - 1)::integer AS "position" FROM paths
  )
UPDATE "template_sections" s SET "position" = n."position"
FROM numbered n
WHERE s."id" = n."id" AND s."position" <> n."position";

WITH RECURSIVE
  section_ranked AS (
    SELECT "id", "parent_id",
      row_number() OVER (PARTITION BY "template_version_id", "parent_id" ORDER BY "position", "id") AS "rank"
    FROM "template_sections"
  ),
  section_paths AS (
    SELECT "id", ARRAY["rank"] AS "path" FROM section_ranked WHERE "parent_id" IS NULL
    UNION ALL
    SELECT c."id", p."path" || c."rank" FROM section_ranked c JOIN section_paths p ON c."parent_id" = p."id"
  ),
  ranked AS (
    SELECT "id", "template_version_id" AS "scope", "section_id", "parent_id",
      row_number() OVER (PARTITION BY "section_id", "parent_id" ORDER BY "position", "id") AS "rank"
    FROM "template_items"
  ),
  paths AS (
    SELECT i."id", i."scope", s."path" || 0::bigint || i."rank" AS "path"
    FROM ranked i JOIN section_paths s ON s."id" = i."section_id"
    WHERE i."parent_id" IS NULL
    UNION ALL
    SELECT c."id", c."scope", p."path" || c."rank" FROM ranked c JOIN paths p ON c."parent_id" = p."id"
  ),
  numbered AS (
    SELECT "id", (row_number() OVER (PARTITION BY "scope" ORDER BY "path") - 1)::integer AS "position" FROM paths
  )
UPDATE "template_items" t SET "position" = n."position"
FROM numbered n
WHERE t."id" = n."id" AND t."position" <> n."position";

ALTER TABLE "template_items" ENABLE TRIGGER "template_items_immutable";
ALTER TABLE "template_sections" ENABLE TRIGGER "template_sections_immutable";

-- The same for releases, per release.
WITH RECURSIVE
  ranked AS (
    SELECT "id", "release_id" AS "scope", "parent_id",
      row_number() OVER (PARTITION BY "release_id", "parent_id" ORDER BY "position", "id") AS "rank"
    FROM "release_sections"
  ),
  paths AS (
    SELECT "id", "scope", ARRAY["rank"] AS "path" FROM ranked WHERE "parent_id" IS NULL
    UNION ALL
    SELECT c."id", c."scope", p."path" || c."rank" FROM ranked c JOIN paths p ON c."parent_id" = p."id"
  ),
  numbered AS (
    SELECT "id", (row_number() OVER (PARTITION BY "scope" ORDER BY "path") - 1)::integer AS "position" FROM paths
  )
UPDATE "release_sections" s SET "position" = n."position"
FROM numbered n
WHERE s."id" = n."id" AND s."position" <> n."position";

WITH RECURSIVE
  section_ranked AS (
    SELECT "id", "parent_id",
      row_number() OVER (PARTITION BY "release_id", "parent_id" ORDER BY "position", "id") AS "rank"
    FROM "release_sections"
  ),
  section_paths AS (
    SELECT "id", ARRAY["rank"] AS "path" FROM section_ranked WHERE "parent_id" IS NULL
    UNION ALL
    SELECT c."id", p."path" || c."rank" FROM section_ranked c JOIN section_paths p ON c."parent_id" = p."id"
  ),
  ranked AS (
    SELECT "id", "release_id" AS "scope", "section_id", "parent_id",
      row_number() OVER (PARTITION BY "section_id", "parent_id" ORDER BY "position", "id") AS "rank"
    FROM "release_items"
  ),
  paths AS (
    SELECT i."id", i."scope", s."path" || 0::bigint || i."rank" AS "path"
    FROM ranked i JOIN section_paths s ON s."id" = i."section_id"
    WHERE i."parent_id" IS NULL
    UNION ALL
    SELECT c."id", c."scope", p."path" || c."rank" FROM ranked c JOIN paths p ON c."parent_id" = p."id"
  ),
  numbered AS (
    SELECT "id", (row_number() OVER (PARTITION BY "scope" ORDER BY "path") - 1)::integer AS "position" FROM paths
  )
UPDATE "release_items" t SET "position" = n."position"
FROM numbered n
WHERE t."id" = n."id" AND t."position" <> n."position";

-- Down Migration
-- Nothing to undo: sibling order is unchanged, and code that sorts siblings by position
-- reads running positions as it read sibling indexes.
