/**
 * The file name (without `.md`) of a new note, as the seed vaults name theirs (note-formats §1):
 * the object's name with `/` written as the full-width `／`; when another note already has that
 * name, the name and the ID (`Domain Accounts (T1078.002)`), so that links stay unambiguous. An ID
 * ATT&CK does not know is its own name.
 */
export function createdNoteName(
  id: string,
  objectName: string | undefined,
  isTaken: (name: string) => boolean,
): string {
  if (objectName === undefined || objectName.trim() === '') return id;
  const name = objectName.trim().replace(/\//g, '／');
  return isTaken(name) ? `${name} (${id})` : name;
}
