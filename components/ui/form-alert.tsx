/**
 * A form's error, announced to screen readers when it appears; `detail` is
 * small print under it (the request id a person can quote).
 */
export function FormAlert({ message, detail, id, className }: { message: string | null | undefined; detail?: string | null; id?: string; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" id={id} className={["form-error", className].filter(Boolean).join(" ")}>
      {message}
      {detail ? <small className="request-id">{detail}</small> : null}
    </p>
  );
}
