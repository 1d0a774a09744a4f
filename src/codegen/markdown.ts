/** Markdown pieces for the generated references. */

/** A table cell: one line, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|").trim();
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map((row) => line(row.map(cell)))].join("\n");
}

/** GitHub's heading anchor for a heading made of word characters, dots and dashes. */
export function anchor(heading: string): string {
  return `#${heading.toLowerCase().replace(/[^a-z0-9_ -]/g, "").replace(/ /g, "-")}`;
}

/** A value for a POSIX shell: bare when safe, single-quoted otherwise. */
export function shellWord(value: string): string {
  return /^[\w.,:/@+=-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}
