import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer } from '../../src/adapters/mailer.ts';

function recorder() {
  const lines: { obj: object; msg: string }[] = [];
  return { lines, log: { info: (obj: object, msg: string) => lines.push({ obj, msg }) } };
}

/** A minimal SMTP server: `refuseSender` answers MAIL FROM with 550, else it takes the message. */
function smtpServer(refuseSender: boolean) {
  const heard: string[] = [];
  const messages: string[] = [];
  const server = createServer((socket) => {
    let data: string[] | undefined;
    let pending = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      pending += chunk.toString();
      const lines = pending.split('\r\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (data) {
          if (line === '.') {
            messages.push(data.join('\n'));
            data = undefined;
            socket.write('250 OK id=test-1\r\n');
          } else data.push(line);
          continue;
        }
        heard.push(line.split(/[ :]/)[0]!.toUpperCase());
        if (/^(EHLO|HELO)/i.test(line)) socket.write('250 test\r\n');
        else if (/^MAIL FROM/i.test(line))
          socket.write(refuseSender ? '550 sender refused\r\n' : '250 OK\r\n');
        else if (/^RCPT TO/i.test(line)) socket.write('250 OK\r\n');
        else if (/^DATA/i.test(line)) {
          data = [];
          socket.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('500 unknown\r\n');
      }
    });
  });
  return { server, heard, messages };
}

describe('createMailer', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('without SMTP, writes what would have been sent to the log, for every e-mail', async () => {
    const { lines, log } = recorder();
    const mailer = createMailer({ smtpUrl: undefined, from: 'returns@example.com', log });
    await mailer.send({ to: 'ana@example.com', subject: 'Return approved', text: 'Send it.' });
    await mailer.send({ to: 'bo@example.com', subject: 'Label ready', text: 'Print it.' });
    expect(lines).toEqual([
      {
        obj: { mail: { to: 'ana@example.com', subject: 'Return approved' } },
        msg: 'e-mail (log transport)',
      },
      {
        obj: { mail: { to: 'bo@example.com', subject: 'Label ready' } },
        msg: 'e-mail (log transport)',
      },
    ]);
  });

  async function listening(refuseSender: boolean) {
    const smtp = smtpServer(refuseSender);
    server = smtp.server;
    await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
    return { ...smtp, url: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}` };
  }

  it('with SMTP, hands the e-mail to the server and logs its message id, not its text', async () => {
    const smtp = await listening(false);
    const { lines, log } = recorder();
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'returns@example.com', log });
    await mailer.send({ to: 'ana@example.com', subject: 'Return approved', text: 'Send it.' });
    expect(smtp.heard).toEqual(expect.arrayContaining(['EHLO', 'MAIL', 'RCPT', 'DATA']));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatch(/^Subject: Return approved$/m);
    expect(smtp.messages[0]).toMatch(/^To: ana@example.com$/m);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toBe('e-mail sent');
    expect(JSON.stringify(lines[0]!.obj)).not.toContain('Send it.');
  });

  it("with SMTP, fails the e-mail with the server's refusal and logs nothing as sent", async () => {
    const smtp = await listening(true);
    const { lines, log } = recorder();
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'r@example.com', log });
    await expect(
      mailer.send({ to: 'ana@example.com', subject: 'Hi', text: 'Hello' }),
    ).rejects.toThrow(/sender refused/);
    expect(smtp.heard).toContain('MAIL');
    expect(lines).toEqual([]);
  });
});
