const TIMES = new Set(["auth_time", "exp", "iat"]);

function show(name: string, value: unknown): string {
  if (TIMES.has(name) && typeof value === "number") return `${value} (${new Date(value * 1000).toLocaleString()})`;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** A token's claims, one a row, times also in local time. */
export function ClaimsTable(props: { claims: Readonly<Record<string, unknown>> }) {
  return (
    <table className="claims">
      <tbody>
        {Object.entries(props.claims)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{show(name, value)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
