import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";

export interface Received {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  raw: string;
}

/**
 * A real SMTP server on the loopback (nodemailer's smtp-server), keeping every message it
 * accepts, parsed with mailparser. `waitFor(n)` resolves once n messages have arrived: the
 * test waits for the event, never for a length of time.
 */
export async function startSmtp(): Promise<{
  url: string;
  messages: Received[];
  waitFor(count: number): Promise<Received[]>;
  close(): Promise<void>;
}> {
  const messages: Received[] = [];
  const waiters: Array<{ count: number; resolve: (m: Received[]) => void }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed: ParsedMail = await simpleParser(raw);
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          html: typeof parsed.html === "string" ? parsed.html : "",
          headers: parsed.headers as Map<string, unknown>,
          raw,
        });
        for (const w of [...waiters]) {
          if (messages.length >= w.count) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(messages.slice());
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor: (count) =>
      messages.length >= count ? Promise.resolve(messages.slice()) : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The https?://…/alerts/confirm/TOKEN link in a message. */
export const linkIn = (text: string, kind: "confirm" | "unsubscribe"): string => {
  const m = new RegExp(`https?://\\S+/alerts/${kind}/[A-Za-z0-9_-]+`).exec(text);
  if (!m) throw new Error(`no ${kind} link in: ${text}`);
  return m[0];
};
