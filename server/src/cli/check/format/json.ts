import { severityName, type FileFindings } from '../findings';

/** One JSON array of findings; positions are 0-based line and UTF-16 character, as in LSP. */
export function formatJson(results: readonly FileFindings[]): string {
  const findings = results.flatMap(({ file, diagnostics }) =>
    diagnostics.map((d) => ({
      file,
      range: {
        start: { line: d.range.start.line, character: d.range.start.character },
        end: { line: d.range.end.line, character: d.range.end.character },
      },
      severity: severityName(d),
      code: String(d.code),
      message: d.message,
    })),
  );
  return JSON.stringify(findings, null, 2) + '\n';
}
