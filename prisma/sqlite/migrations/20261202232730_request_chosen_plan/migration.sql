-- AlterTable
ALTER TABLE "requests" ADD COLUMN "chosenPlan" JSONB;

-- Backfill (hand-written): the chosen plan's line of every request pinned before the column existed — the plan of
-- rank chosenRank (1 when unset), else the first, as lib/server/requests/request-summary.ts writes it (idempotent).
UPDATE "requests" SET "chosenPlan" = COALESCE(
  (SELECT json_object(
     'rank', json_extract(p.value, '$.rank'),
     'family', json_extract("requests"."planResult", '$.family'),
     'annualCost', json_extract(p.value, '$.annualCost'),
     'monthlyCost', json_extract(p.value, '$.monthlyCost'),
     'nodes', (SELECT COALESCE(SUM(json_extract(c.value, '$.nodes')), 0) FROM json_each(p.value, '$.clusters') AS c))
   FROM json_each("requests"."planResult", '$.plans') AS p
   WHERE json_extract(p.value, '$.rank') = COALESCE("requests"."chosenRank", 1)
   LIMIT 1),
  (SELECT json_object(
     'rank', json_extract(p.value, '$.rank'),
     'family', json_extract("requests"."planResult", '$.family'),
     'annualCost', json_extract(p.value, '$.annualCost'),
     'monthlyCost', json_extract(p.value, '$.monthlyCost'),
     'nodes', (SELECT COALESCE(SUM(json_extract(c.value, '$.nodes')), 0) FROM json_each(p.value, '$.clusters') AS c))
   FROM json_each("requests"."planResult", '$.plans') AS p
   WHERE p.key = 0)
)
WHERE "planResult" IS NOT NULL AND "chosenPlan" IS NULL;
