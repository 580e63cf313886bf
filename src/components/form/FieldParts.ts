/** What every field component shares: ids that tie label, hint and error together. */
export interface FieldProps {
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  heading?: boolean | undefined;
  /** "错误：", read before each message by screen readers. */
  errorPrefix: string;
  /** In an island (the benefits checker): called as the person answers. */
  onChange?: ((name: string, value: string) => void) | undefined;
}

export function fieldIds(name: string, hasHint: boolean, hasError: boolean) {
  const id = `f-${name}`;
  const hintId = hasHint ? `${id}-hint` : undefined;
  const errorId = hasError ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}
