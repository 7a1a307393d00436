/** Text for a one-line message or label: white space runs made one space, cut to at most `maxLength` characters with "…". */
export function abbreviate(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}
