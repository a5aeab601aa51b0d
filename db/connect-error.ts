// Readable start-up errors for a Postgres DATABASE_URL: the cause and what to do, never the password.

/** Postgres could not be reached or refused us; the message says why and how to fix it. */
export class DatabaseConnectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseConnectError";
  }
}

interface Target {
  host: string;
  port: string;
  user: string;
  database: string;
  password: string;
}

function targetOf(url: string): Target {
  try {
    const u = new URL(url);
    const user = safeDecode(u.username) || "postgres";
    return {
      host: u.hostname || "localhost",
      port: u.port || "5432",
      user,
      database: safeDecode(u.pathname.replace(/^\//, "")) || user,
      password: safeDecode(u.password),
    };
  } catch {
    return { host: "?", port: "?", user: "?", database: "?", password: "" };
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The error itself and each `cause` under it (drizzle wraps the driver's error). */
function chain(err: unknown): Array<{ code?: string; message?: string }> {
  const out: Array<{ code?: string; message?: string }> = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === "object"; i++) {
    out.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

const SEE_ALSO = "Or unset DATABASE_URL to use the embedded PGlite database.";

/** The start-up explanation for a connection error, or null when it is not one. */
export function explainConnectError(err: unknown, url: string): DatabaseConnectError | null {
  const t = targetOf(url);
  const where = `Postgres at ${t.host}:${t.port}`;
  const errors = chain(err);
  const code = errors.find((e) => typeof e.code === "string")?.code;
  const scrub = (s: string | undefined) =>
    (s ?? "").split(t.password || "\u0000").join("[password]");
  const serverMessage = scrub(errors.find((e) => e.code === code)?.message);
  const say = (cause: string, fix: string) =>
    new DatabaseConnectError(`Cannot use the database in DATABASE_URL: ${cause}\n  → ${fix}`);

  if (errors.some((e) => e instanceof URIError))
    return say(
      "DATABASE_URL is not a valid URL.",
      "Percent-encode special characters in the user and password (for example @ as %40, % as %25).",
    );
  switch (code) {
    case "3D000":
      return say(
        `database "${t.database}" does not exist on ${where}.`,
        `Create it with: createdb -h ${t.host} -p ${t.port} -U ${t.user} ${t.database}`,
      );
    case "28P01":
      return say(
        `${where} refused the password of user "${t.user}".`,
        "Check the user and password in DATABASE_URL.",
      );
    case "28000":
      return say(
        `${where} refused user "${t.user}": ${serverMessage}.`,
        `Create the role (createuser -h ${t.host} -p ${t.port} ${t.user}) or allow it in pg_hba.conf, or fix the user in DATABASE_URL.`,
      );
    case "ECONNREFUSED":
      return say(
        `nothing is listening at ${t.host}:${t.port} (connection refused).`,
        `Start Postgres there, or fix the host and port in DATABASE_URL. ${SEE_ALSO}`,
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return say(
        `the host "${t.host}" is unknown (DNS lookup failed).`,
        `Fix the host name in DATABASE_URL. ${SEE_ALSO}`,
      );
    case "ETIMEDOUT":
    case "CONNECT_TIMEOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return say(
        `${where} did not answer (${code}).`,
        "Check that the host is reachable from here (firewall, network, port) and Postgres listens on it.",
      );
    case "ECONNRESET":
    case "CONNECTION_CLOSED":
    case "CONNECTION_ENDED":
      return say(
        `${where} closed the connection while connecting (${code}).`,
        "Check that the port is Postgres's and whether the server wants TLS (add ?sslmode=require to DATABASE_URL).",
      );
    default:
      if (code && /^(08|28|3D|53|57P0)/.test(code))
        return say(
          `${where} refused the connection: ${serverMessage} (${code}).`,
          "Check DATABASE_URL and the server's log.",
        );
      return null;
  }
}
