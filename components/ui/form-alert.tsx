/** A form's error, announced to screen readers when it appears. */
export function FormAlert({ message, id, className }: { message: string | null | undefined; id?: string; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" id={id} className={["form-error", className].filter(Boolean).join(" ")}>
      {message}
    </p>
  );
}
