import { randomBytes } from "node:crypto";

export interface Note {
  id: string;
  title: string;
  body: string;
  created_at: string;
}

/** In-memory notes, kept per user (`sub`). */
export class NotesStore {
  private readonly byUser = new Map<string, Note[]>();

  /** The user's notes, newest first. */
  list(sub: string, limit: number): Note[] {
    return (this.byUser.get(sub) ?? []).slice(0, limit);
  }

  /** Stores a new note for the user. */
  create(sub: string, input: { title: string; body?: string | undefined }): Note {
    const note: Note = {
      id: `note_${randomBytes(9).toString("base64url")}`,
      title: input.title,
      body: input.body ?? "",
      created_at: new Date().toISOString(),
    };
    this.byUser.set(sub, [note, ...(this.byUser.get(sub) ?? [])]);
    return note;
  }

  /** Deletes one of the user's notes; false when the user has no such note. */
  delete(sub: string, id: string): boolean {
    const notes = this.byUser.get(sub) ?? [];
    const kept = notes.filter((n) => n.id !== id);
    if (kept.length === notes.length) return false;
    this.byUser.set(sub, kept);
    return true;
  }
}
