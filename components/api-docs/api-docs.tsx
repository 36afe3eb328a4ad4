"use client";
// The API reference, rendered from the portal's own OpenAPI document (GET /api/v1/openapi.json): operations grouped
// by tag with method, path, summary, parameters, request and response schemas. Nothing is loaded from the internet.
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { openApiQuery, openApiUrl, type JsonSchema, type OpenApiDoc } from "@/lib/query/openapi";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { SchemaView, typeLabel } from "./schema-view";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const obj = (v: unknown): JsonSchema | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonSchema) : undefined);

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  op: JsonSchema;
}

function operationsByTag(doc: OpenApiDoc): Map<string, Operation[]> {
  const byTag = new Map<string, Operation[]>();
  for (const t of doc.tags ?? []) byTag.set(t.name, []);
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = obj(item[method]);
      if (!op) continue;
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === "string" ? op.tags[0] : "other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  return new Map([...byTag].filter(([, ops]) => ops.length > 0));
}

const anchor = (s: string) => s.replace(/[^a-z0-9]+/gi, "-").toLowerCase();

export function ApiDocs() {
  const q = useQuery(openApiQuery());
  if (q.isPending) return <Loading rows={6} />;
  if (q.isError) return <ErrorState title="Could not load the API description." message={errorMessage(q.error)} onRetry={() => void q.refetch()} />;
  const doc = q.data;
  const groups = operationsByTag(doc);
  const schemas = doc.components?.schemas ?? {};
  return (
    <div className="api-docs" data-testid="api-docs">
      <nav className="api-toc" aria-label="API sections">
        <p className="eyebrow">
          {doc.info.title} · v{doc.info.version}
        </p>
        {[...groups.keys()].map((tag) => (
          <a key={tag} href={`#tag-${anchor(tag)}`}>
            {tag} <span className="muted small">({groups.get(tag)?.length})</span>
          </a>
        ))}
        <a href={openApiUrl()} className="small">
          openapi.json ↗
        </a>
      </nav>
      <div className="stack">
        {doc.info.description ? <p className="lead">{doc.info.description}</p> : null}
        {[...groups].map(([tag, ops]) => (
          <section key={tag} id={`tag-${anchor(tag)}`} className="card" aria-labelledby={`tag-title-${anchor(tag)}`}>
            <div className="card-head">
              <h2 id={`tag-title-${anchor(tag)}`}>{tag}</h2>
              {doc.tags?.find((t) => t.name === tag)?.description ? <p className="muted">{doc.tags.find((t) => t.name === tag)?.description}</p> : null}
            </div>
            <div className="plan-list">
              {ops.map((o) => (
                <OperationView key={`${o.method} ${o.path}`} operation={o} schemas={schemas} />
              ))}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}

function OperationView({ operation: { method, path, op }, schemas }: { operation: Operation; schemas: Record<string, JsonSchema> }) {
  const params = Array.isArray(op.parameters) ? op.parameters.flatMap((p) => (obj(p) ? [obj(p) as JsonSchema] : [])) : [];
  const body = obj(obj(obj(op.requestBody)?.content)?.["application/json"])?.schema;
  const responses = Object.entries(obj(op.responses) ?? {});
  return (
    <details className="op" data-testid="api-operation">
      <summary>
        <span className={`method method--${method}`}>{method.toUpperCase()}</span>
        <span className="op-path">{path}</span>
        <span className="muted">{typeof op.summary === "string" ? op.summary : ""}</span>
      </summary>
      <div className="op-body">
        {typeof op.description === "string" ? <p>{op.description}</p> : null}
        {params.length > 0 ? (
          <div>
            <h4 className="subhead">Parameters</h4>
            <table className="table">
              <tbody>
                {params.map((p) => (
                  <tr key={`${String(p.in)}-${String(p.name)}`}>
                    <td className="nowrap">
                      <code>{String(p.name)}</code>
                      {p.required ? (
                        <span className="req" style={{ color: "var(--danger)" }}>
                          *
                        </span>
                      ) : null}
                    </td>
                    <td className="muted small">{String(p.in)}</td>
                    <td>
                      <code className="small">{typeLabel(obj(p.schema))}</code>
                    </td>
                    <td className="muted small">{typeof p.description === "string" ? p.description : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {body ? (
          <div>
            <h4 className="subhead">Request body · application/json</h4>
            <SchemaView schema={obj(body)} schemas={schemas} />
          </div>
        ) : null}
        <div>
          <h4 className="subhead">Responses</h4>
          <ul className="thread">
            {responses.map(([status, raw]) => {
              const r = obj(raw) ?? {};
              const content = obj(r.content) ?? {};
              const [type, media] = Object.entries(content)[0] ?? [];
              return (
                <li key={status}>
                  <p>
                    <span className={`status status--${status.startsWith("2") ? "ok" : status.startsWith("4") ? "warn" : "danger"}`}>{status}</span>{" "}
                    {typeof r.description === "string" ? r.description : ""} {type ? <code className="muted small">{type}</code> : null}
                  </p>
                  {media && status.startsWith("2") ? <SchemaView schema={obj(obj(media)?.schema)} schemas={schemas} /> : null}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </details>
  );
}
