// Plain-text tables for people (the --json output is for programs): columns padded to their widest cell, numbers
// right-aligned, long cells wrapped within a column width so a table fits a terminal.

export interface Column<Row> {
  header: string;
  cell: (row: Row) => string;
  align?: "left" | "right";
  /** Wrap cells longer than this onto further lines (the last column usually: "why"). */
  maxWidth?: number;
}

/** Splits text into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    let w = word;
    while (w.length > width) {
      if (line) lines.push(line);
      line = "";
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [""];
}

export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((r) => columns.map((c) => (c.maxWidth ? wrap(c.cell(r), c.maxWidth) : [c.cell(r)])));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => Math.max(...(row[i] ?? [""]).map((l) => l.length)))));
  const fit = (text: string, i: number) => {
    const width = widths[i] ?? 0;
    const padded = columns[i]?.align === "right" ? text.padStart(width) : text.padEnd(width);
    return padded;
  };
  const line = (parts: string[]) => parts.map(fit).join("  ").trimEnd();
  const out = [line(columns.map((c) => c.header))];
  for (const row of cells) {
    const height = Math.max(...row.map((c) => c.length));
    for (let k = 0; k < height; k++) out.push(line(row.map((c) => c[k] ?? "")));
  }
  return `${out.join("\n")}\n`;
}

/** $12,345 a year or $1,029/mo: whole dollars with separators. */
export function dollars(n: number): string {
  return `$${Math.round(n).toLocaleString("en-US")}`;
}

/** A signed cost difference: "+$1,200", "-$300", "$0". */
export function dollarsDelta(n: number): string {
  const r = Math.round(n);
  if (r === 0) return "$0";
  return `${r > 0 ? "+" : "-"}$${Math.abs(r).toLocaleString("en-US")}`;
}

/** Key: value lines, keys padded. */
export function renderFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(...fields.map(([k]) => k.length)) + 1;
  return fields.map(([k, v]) => `${`${k}:`.padEnd(width + 1)}${v}`).join("\n") + "\n";
}
