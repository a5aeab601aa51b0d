import { Fragment } from "react";

/** An action name that may wrap after each underscore (GitHub's names run to 60 characters). */
export function ActionName({ name }: { name: string }) {
  const parts = name.split("_");
  return (
    <span className="font-mono text-xs text-slate-900">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? (
            <>
              _<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </span>
  );
}
