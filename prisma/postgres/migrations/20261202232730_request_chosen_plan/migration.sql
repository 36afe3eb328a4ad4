-- AlterTable
ALTER TABLE "requests" ADD COLUMN     "chosenPlan" JSONB;

-- Backfill (hand-written): the chosen plan's line of every request pinned before the column existed — the plan of
-- rank chosenRank (1 when unset), else the first, as lib/server/requests/request-summary.ts writes it (idempotent).
UPDATE "requests" r SET "chosenPlan" = (
  SELECT jsonb_build_object(
    'rank', p.plan -> 'rank',
    'family', r."planResult" -> 'family',
    'annualCost', p.plan -> 'annualCost',
    'monthlyCost', p.plan -> 'monthlyCost',
    'nodes', (SELECT COALESCE(SUM((c ->> 'nodes')::int), 0) FROM jsonb_array_elements(p.plan -> 'clusters') AS c)
  )
  FROM jsonb_array_elements(r."planResult" -> 'plans') WITH ORDINALITY AS p(plan, n)
  ORDER BY (p.plan ->> 'rank')::int = COALESCE(r."chosenRank", 1) DESC, p.n
  LIMIT 1
)
WHERE r."planResult" IS NOT NULL AND r."chosenPlan" IS NULL;
