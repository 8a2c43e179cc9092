import type { RuleContext } from './context';

/** frontmatter-invalid: the YAML between the `---` lines does not parse. */
export function checkFrontmatter({ note, report }: RuleContext): void {
  const error = note.frontmatter?.error;
  if (!error) return;
  // js-yaml messages end with a code excerpt over several lines; the squiggle shows where.
  const firstLine = error.message.split('\n')[0].trim();
  report(
    'frontmatter-invalid',
    error.range,
    `The front matter is not valid YAML: ${firstLine}. Expected \`key: value\` lines between the \`---\` lines.`,
  );
}
