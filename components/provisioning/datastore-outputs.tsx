// What provisioning produced, per region: the endpoints clients connect to (per store family: a companion cache
// or index has its own), the server groups by role, the security groups and the alarms.
import type { DatastoreOutputsDto } from "@/lib/schemas/operation";

export function DatastoreOutputs({ outputs }: { outputs: DatastoreOutputsDto }) {
  const regions = Object.entries(outputs.regions).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="card" aria-labelledby="outputs-title" data-testid="outputs">
      <div className="card-head">
        <h2 id="outputs-title">Outputs</h2>
        <p className="muted">From the stack&apos;s last successful update.</p>
      </div>
      {regions.length === 0 ? <p className="empty">No outputs.</p> : null}
      <div className="stack">
        {regions.map(([region, o]) => (
          <section key={region} className="outputs-region" aria-label={`Outputs in ${region}`} data-testid="outputs-region" data-region={region}>
            <h3>
              <code>{region}</code>
            </h3>
            <table className="table">
              <caption className="visually-hidden">Endpoints in {region}</caption>
              <thead>
                <tr>
                  <th scope="col">Family</th>
                  <th scope="col">Endpoint</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(o.endpoints).map(([family, endpoint]) => (
                  <tr key={family} data-testid="endpoint" data-family={family}>
                    <td>{family}</td>
                    <td>
                      <code>{endpoint}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="meta">
              {Object.entries(o.groupNamesByRole).map(([role, names]) => (
                <Names key={role} label={`${role} groups`} names={names} testId="output-groups" />
              ))}
              <Names label="Security groups" names={o.securityGroupIds} testId="output-security-groups" />
            </dl>
            {o.alarmNames.length > 0 ? (
              <details className="disclosure">
                <summary>
                  {o.alarmNames.length} alarm{o.alarmNames.length === 1 ? "" : "s"}
                </summary>
                <ul className="small" data-testid="output-alarms">
                  {o.alarmNames.map((a) => (
                    <li key={a}>
                      <code>{a}</code>
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
        ))}
      </div>
    </section>
  );
}

function Names({ label, names, testId }: { label: string; names: readonly string[]; testId: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>
        {names.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          names.map((n, i) => (
            <span key={n}>
              {i > 0 ? ", " : ""}
              <code>{n}</code>
            </span>
          ))
        )}
      </dd>
    </>
  );
}
