// One process per PGlite directory: PGlite does not lock its directory, and two processes on one
// directory diverge and corrupt it. The opener holds `keyport.lock` in the directory until it
// closes the database or exits; a lock left by a process that is gone (kill -9) is taken over.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const LOCK_FILE = "keyport.lock";

/** What the lock file records about its holder. */
export interface LockHolder {
  pid: number;
  /** The holder's start time (clock ticks since boot, Linux): tells a live holder from a reused pid. */
  started: string | null;
  command: string;
  token: string;
}

/** A second opener of a directory another live process holds. */
export class PgliteLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The PGlite database in ${dir} is in use by process ${holder.pid}` +
        (holder.command ? ` (${holder.command})` : "") +
        ". Only one process may open a PGlite directory: stop that process first " +
        "(or set DATABASE_URL to use Postgres, which many processes can share).",
    );
    this.name = "PgliteLockedError";
  }
}

/** Field 22 of /proc/<pid>/stat, or null where there is no /proc. */
function startTimeOf(pid: number | "self"): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function commandLine(): string {
  let args = process.argv;
  try {
    args = fs.readFileSync("/proc/self/cmdline", "utf8").split("\0").filter(Boolean);
  } catch {
    // No /proc: argv is what we know.
  }
  const line = args.join(" ");
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function readHolder(file: string): LockHolder | "missing" | "unreadable" {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw err;
  }
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid === "number" && typeof h.token === "string")
      return { pid: h.pid, started: h.started ?? null, command: h.command ?? "", token: h.token };
  } catch {
    // Falls through: the file is written whole before it is linked into place, so only a
    // crashed filesystem leaves a half-written one.
  }
  return "unreadable";
}

/** Lock tokens this process holds, so a reused pid equal to ours is not mistaken for us. */
const heldTokens = new Set<string>();

function isAlive(h: LockHolder): boolean {
  if (h.pid === process.pid) return heldTokens.has(h.token);
  try {
    process.kill(h.pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const started = h.started === null ? null : startTimeOf(h.pid);
  return started === null || started === h.started;
}

/**
 * Move a stale lock aside, unless it changed since it was judged stale (another opener took it
 * over meanwhile): then put that one back.
 */
function removeStale(file: string, stale: LockHolder | null): void {
  const aside = `${file}.stale-${crypto.randomBytes(6).toString("hex")}`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  const moved = readHolder(aside);
  const same =
    stale === null
      ? moved === "unreadable"
      : typeof moved === "object" && moved.token === stale.token;
  if (!same) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // Yet another opener got in first: it holds the directory now.
    }
  }
  fs.rmSync(aside, { force: true });
}

/** Take the directory's lock or throw PgliteLockedError naming the holder; returns the release. */
export function lockPgliteDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    started: startTimeOf("self"),
    command: commandLine(),
    token: crypto.randomBytes(12).toString("hex"),
  };
  // Written whole under a private name, then linked into place: link fails if the lock exists,
  // so taking it is atomic and a reader never sees a half-written file.
  const draft = `${file}.${me.token}`;
  fs.writeFileSync(draft, JSON.stringify(me), { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.linkSync(draft, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 5) throw err;
      }
      const holder = readHolder(file);
      if (holder === "missing") continue;
      if (holder !== "unreadable" && isAlive(holder)) throw new PgliteLockedError(dir, holder);
      removeStale(file, holder === "unreadable" ? null : holder);
    }
  } finally {
    fs.rmSync(draft, { force: true });
  }
  heldTokens.add(me.token);

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldTokens.delete(me.token);
    process.off("exit", release);
    const holder = readHolder(file);
    if (typeof holder === "object" && holder.token === me.token) fs.rmSync(file, { force: true });
  };
  // process.exit and a normal end run this; kill -9 cannot, and leaves a lock the next opener
  // recognises as stale.
  process.on("exit", release);
  return release;
}
