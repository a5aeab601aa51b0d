// /docs/api – the API reference, rendered on the server from the same OpenAPI document that
// /api/v3.1/openapi.json serves (no script, no CDN). Public, like the document itself.
import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument } from "@/lib/http/openapi";
import { readReference, type Field } from "./_lib/reference";

export const metadata: Metadata = { title: "API reference" };

const METHOD_TONES: Record<string, string> = {
  GET: "bg-emerald-50 text-emerald-800 border-emerald-200",
  POST: "bg-brand-50 text-brand-700 border-brand-100",
  PATCH: "bg-amber-50 text-amber-800 border-amber-200",
  PUT: "bg-amber-50 text-amber-800 border-amber-200",
  DELETE: "bg-red-50 text-red-700 border-red-200",
};

const schemaAnchor = (name: string) => `schema-${name}`;

function TypeName({ field }: { field: Pick<Field, "type" | "ref"> }) {
  return field.ref ? (
    <a href={`#${schemaAnchor(field.ref)}`} className="text-brand-700 underline">
      {field.type}
    </a>
  ) : (
    <>{field.type}</>
  );
}

function FieldTable({
  fields,
  label,
  where,
}: {
  fields: Field[];
  label: string;
  where?: string[];
}) {
  if (fields.length === 0) return <p className="text-sm text-slate-600">No fields.</p>;
  return (
    <div
      className="overflow-x-auto rounded-md border border-slate-200"
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{label}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Name
            </th>
            {where ? (
              <th scope="col" className="px-3 py-2 font-medium">
                In
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2 font-medium">
              Type
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Description
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {fields.map((f, i) => (
            <tr key={`${f.name}-${i}`}>
              <td className="px-3 py-2 align-top font-mono text-xs break-all text-slate-900">
                {f.name}
                {f.required ? <span className="ml-1 text-red-700">required</span> : null}
              </td>
              {where ? <td className="px-3 py-2 align-top text-slate-700">{where[i]}</td> : null}
              <td className="px-3 py-2 align-top font-mono text-xs break-all text-slate-700">
                <TypeName field={f} />
              </td>
              <td className="px-3 py-2 align-top text-slate-700">{f.description ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ApiReferencePage() {
  const ref = readReference(openApiDocument());
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <header className="mb-8 space-y-2">
        <p className="text-sm text-slate-600">
          <Link href="/" className="text-brand-700 underline">
            Keyport
          </Link>{" "}
          · version {ref.version} ·{" "}
          <a href="/api/v3.1/openapi.json" className="text-brand-700 underline">
            openapi.json
          </a>
        </p>
        <h1 className="text-2xl font-semibold text-slate-900">{ref.title} reference</h1>
        <p className="max-w-3xl text-slate-700">{ref.description}</p>
      </header>
      <nav
        aria-label="Operations"
        className="mb-10 rounded-lg border border-slate-200 bg-white p-4"
      >
        <ul className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          {ref.tags.flatMap((t) =>
            t.operations.map((op) => (
              <li key={op.id} className="min-w-0 truncate">
                <a href={`#${op.id}`} className="text-brand-700 hover:underline">
                  <span className="font-mono text-xs">{op.method}</span> {op.path}
                </a>
              </li>
            )),
          )}
        </ul>
      </nav>
      <main className="space-y-12">
        {ref.tags.map((tag) => (
          <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="space-y-6">
            <h2
              id={`tag-${tag.name}`}
              className="border-b border-slate-200 pb-2 text-xl font-semibold text-slate-900"
            >
              {tag.name}
            </h2>
            {tag.description ? <p className="text-slate-700">{tag.description}</p> : null}
            {tag.operations.map((op) => (
              <article
                key={op.id}
                id={op.id}
                aria-labelledby={`${op.id}-title`}
                className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
              >
                <h3
                  id={`${op.id}-title`}
                  className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900"
                >
                  <span
                    className={`rounded border px-1.5 py-0.5 font-mono text-xs ${METHOD_TONES[op.method] ?? ""}`}
                  >
                    {op.method}
                  </span>
                  <code className="font-mono text-sm break-all">{op.path}</code>
                </h3>
                <p className="text-slate-800">{op.summary}</p>
                {op.description ? <p className="text-sm text-slate-700">{op.description}</p> : null}
                {op.parameters.length ? (
                  <FieldTable
                    fields={op.parameters}
                    label={`${op.method} ${op.path} parameters`}
                    where={op.parameters.map((p) => p.in)}
                  />
                ) : null}
                {op.body ? (
                  <div className="space-y-2">
                    <h4 className="text-sm font-semibold text-slate-900">
                      Request body (<code>{op.body.schema}</code>)
                    </h4>
                    <FieldTable
                      fields={op.body.fields}
                      label={`${op.method} ${op.path} request body`}
                    />
                  </div>
                ) : null}
                <div className="space-y-1">
                  <h4 className="text-sm font-semibold text-slate-900">Responses</h4>
                  <ul className="space-y-1 text-sm text-slate-700">
                    {op.responses.map((r) => (
                      <li key={r.status}>
                        <span className="font-mono text-xs text-slate-900">{r.status}</span>{" "}
                        {r.description}
                        {r.schema ? (
                          <>
                            {" "}
                            (
                            <a
                              href={`#${schemaAnchor(r.schema)}`}
                              className="text-brand-700 underline"
                            >
                              {r.schema}
                            </a>
                            )
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </div>
              </article>
            ))}
          </section>
        ))}
        <section aria-labelledby="schemas" className="space-y-6">
          <h2
            id="schemas"
            className="border-b border-slate-200 pb-2 text-xl font-semibold text-slate-900"
          >
            Schemas
          </h2>
          {ref.schemas.map((s) => (
            <article
              key={s.name}
              id={schemaAnchor(s.name)}
              aria-labelledby={`${schemaAnchor(s.name)}-title`}
              className="space-y-2"
            >
              <h3
                id={`${schemaAnchor(s.name)}-title`}
                className="font-mono text-base font-semibold text-slate-900"
              >
                {s.name} <span className="text-sm font-normal text-slate-600">{s.type}</span>
              </h3>
              {s.fields.length ? <FieldTable fields={s.fields} label={`${s.name} fields`} /> : null}
            </article>
          ))}
        </section>
      </main>
    </div>
  );
}
