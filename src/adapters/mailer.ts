import nodemailer from 'nodemailer';

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
 */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  log: { info: (obj: object, msg: string) => void };
}): Mailer {
  const transport = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message });
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
