/**
 * Commander argument parser for a repeatable option (`--set a=1 --set b=2`): each
 * occurrence is appended to the list. Use with a default of `[]`.
 */
export function collectOption(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}
