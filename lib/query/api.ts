// What components need beside the query factories: the failures of a call (a typed ApiProblem with the problem+json
// document's status, title, detail and field errors, so forms can put them on their fields) and the idempotency key a
// form keeps across its retries. Calls themselves go through the typed client (lib/query/client.ts).
export { ApiProblem, errorMessage, isApiProblem } from "@/lib/client/problem";
export { newIdempotencyKey } from "@/lib/client";
