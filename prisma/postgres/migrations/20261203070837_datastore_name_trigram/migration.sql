-- A trigram index on the datastore's name (PostgreSQL only, SQLite has no trigram index): the catalog's name search
-- (name LIKE '%q%', lib/server/datastores/list-datastores.ts) is answered from it when the substring matches few
-- datastores, instead of walking the list's order index to its end. A common substring still walks the order index.
-- The datamodel does not declare this index (Prisma cannot express gin_trgm_ops), this migration owns it.
--
-- Defensive: pg_trgm is a contrib extension. Where PostgreSQL lacks the contrib package (undefined_file), forbids
-- CREATE EXTENSION to the portal's role (insufficient_privilege), cannot provide it (feature_not_supported), or has it
-- in a schema outside the search path (undefined_object), the portal still migrates and starts: the block raises a
-- NOTICE and skips, and the search walks the order index as before. Running the block again adds the index later.
--
-- The block is an escape string with \073 for each semicolon inside it: Prisma's driver adapter (@prisma/adapter-pg
-- executeScript) splits a migration at every semicolon, dollar quotes and comments included.
DO LANGUAGE plpgsql E'
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm\073
  CREATE INDEX IF NOT EXISTS "datastores_name_trgm_idx" ON "datastores" USING gin ("name" gin_trgm_ops)\073
EXCEPTION
  WHEN insufficient_privilege OR undefined_file OR feature_not_supported OR undefined_object THEN
    RAISE NOTICE ''datastores_name_trgm_idx not created (% : %), the catalog name search walks the list order index'', SQLSTATE, SQLERRM\073
END
';
