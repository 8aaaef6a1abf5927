import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Env } from '../../env.ts';
import { LogChannel, type MessageChannel, type OutgoingMessage } from './channel.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The plain-text body as simple HTML: every character escaped, line breaks kept, web addresses linked. */
export function textToHtml(text: string): string {
  const escaped = escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  return [
    '<!doctype html>',
    '<html><body>',
    `<div style="font-family: Sarabun, Tahoma, sans-serif; font-size: 15px; line-height: 1.6; white-space: pre-wrap">${escaped}</div>`,
    '</body></html>',
  ].join('');
}

/**
 * E-mail through nodemailer's SMTP transport. `smtpUrl` is `smtp://user:pass@host:587` (STARTTLS when
 * the server offers it) or `smtps://…:465`; transport options may also ride in the query string
 * (`?ignoreTLS=true`, `?tls.rejectUnauthorized=false`), as nodemailer reads them.
 */
export class EmailChannel implements MessageChannel {
  readonly name = 'email';
  private readonly transport: nodemailer.Transporter<SMTPTransport.SentMessageInfo>;
  private readonly from: string;

  constructor(options: { smtpUrl: string; from: string; transport?: SMTPTransport.Options }) {
    this.from = options.from;
    this.transport = nodemailer.createTransport({
      // A dead server must not hold the worker for nodemailer's default two minutes.
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 60_000,
      ...options.transport,
      url: options.smtpUrl,
    });
  }

  async send(message: OutgoingMessage): Promise<void> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: message.recipient,
      subject: message.subject,
      text: message.body,
      html: textToHtml(message.body),
    });
    if (info.rejected.length > 0) {
      throw new Error(`SMTP server rejected ${info.rejected.map(String).join(', ')}: ${info.response}`);
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** The e-mail channel the settings ask for: SMTP when SMTP_URL is set, the log otherwise. */
export function emailChannelFromEnv(config: Pick<Env, 'smtpUrl' | 'mailFrom'>): MessageChannel {
  return config.smtpUrl
    ? new EmailChannel({ smtpUrl: config.smtpUrl, from: config.mailFrom })
    : new LogChannel({ name: 'email' });
}
