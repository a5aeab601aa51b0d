// Reads README.md the way a newcomer does: one section, its numbered steps and fenced code blocks,
// and a terminal (one bash session) that runs pasted blocks in order, so tests follow the README
// exactly as written and cannot drift from it.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";

export interface CodeBlock {
  lang: string;
  code: string;
}

/** The text of a `## title` section of README.md (up to the next `## ` heading). */
export function readmeSection(title: string, file = "README.md"): string {
  const text = fs.readFileSync(file, "utf8");
  const start = text.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const end = text.indexOf("\n## ", start + 4);
  return text.slice(start + 1, end < 0 ? undefined : end);
}

/** The fenced code blocks of a piece of Markdown, with list indentation removed. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const fence = /^( *)```(\w*)\n([\s\S]*?)^\1```$/gm;
  for (const m of markdown.matchAll(fence)) {
    const indent = m[1]!.length;
    const code = m[3]!
      .split("\n")
      .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
      .join("\n");
    blocks.push({ lang: m[2]!, code });
  }
  return blocks;
}

/** The numbered steps (`1. …`) of a piece of Markdown, each with its indented continuation. */
export function numberedSteps(markdown: string): string[] {
  const steps: string[] = [];
  for (const m of markdown.matchAll(/^\d+\. [\s\S]*?(?=^\d+\. |^\S|(?![\s\S]))/gm)) {
    steps.push(m[0]);
  }
  return steps;
}

/** Replace every placeholder (left) with its value (right). */
export function substitute(text: string, values: Record<string, string>): string {
  let out = text;
  for (const [placeholder, value] of Object.entries(values))
    out = out.split(placeholder).join(value);
  return out;
}

/** One terminal: blocks pasted into the same bash keep their variables, like a user's shell. */
export class Terminal {
  private readonly bash: ChildProcessWithoutNullStreams;
  private out = "";
  private err = "";
  private seq = 0;

  constructor(cwd = process.cwd()) {
    this.bash = spawn("bash", ["--norc", "--noprofile"], { cwd, env: { ...process.env } });
    this.bash.stdout.setEncoding("utf8").on("data", (d: string) => (this.out += d));
    this.bash.stderr.setEncoding("utf8").on("data", (d: string) => (this.err += d));
  }

  /** Paste a block; resolves with what it printed and its last exit status. */
  async paste(code: string, timeoutMs = 120_000): Promise<{ stdout: string; status: number }> {
    const marker = `__readme_step_${++this.seq}__`;
    this.out = "";
    this.err = "";
    this.bash.stdin.write(`${code}\nprintf '\\n${marker} %s\\n' "$?"\n`);
    const deadline = Date.now() + timeoutMs;
    const re = new RegExp(`\\n${marker} (\\d+)\\n`);
    for (;;) {
      const m = re.exec(this.out);
      if (m) return { stdout: this.out.slice(0, m.index), status: Number(m[1]) };
      if (Date.now() > deadline || this.bash.exitCode !== null) {
        throw new Error(
          `the block did not finish:\n${code}\nstdout: ${this.out}\nstderr: ${this.err}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** What the last block wrote to stderr. */
  get stderr(): string {
    return this.err;
  }

  close(): void {
    this.bash.stdin.end();
    this.bash.kill();
  }
}
