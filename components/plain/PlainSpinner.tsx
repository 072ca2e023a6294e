/** Fluent's tiny Spinner with its label, drawn by the popup's static stylesheet. */
export function PlainSpinner({ label }: { label: string }) {
  return (
    <div className="spinner" role="progressbar" aria-label={label}>
      <span className="spinner-ring" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
