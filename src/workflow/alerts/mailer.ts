import nodemailer from "nodemailer";
import { MootError } from "../../domain/errors.js";

/** One message, already built (messages.ts); the mailer only delivers it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * Delivery over SMTP through nodemailer. `url` is nodemailer's connection URL
 * (`smtp://user:pass@host:587`, `smtps://…:465`); `from` is the From header.
 */
export function smtpMailer(url: string, from: string): Mailer {
  if (!/^smtps?:\/\//.test(url))
    throw new MootError("config", `SMTP_URL must start with smtp:// or smtps:// (got "${url.split(":")[0]}:")`);
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
    },
    close: () => transport.close(),
  };
}

/** The mailer the environment configures, or null when SMTP_URL is unset (alerts are then off). */
export function mailerFromEnv(siteName: string, env: NodeJS.ProcessEnv = process.env): Mailer | null {
  if (!env.SMTP_URL) return null;
  return smtpMailer(env.SMTP_URL, env.MOOT_MAIL_FROM || `"${siteName.replace(/"/g, "")} alerts" <alerts@localhost>`);
}
