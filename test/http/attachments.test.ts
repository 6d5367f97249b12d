import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { count } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inspectUpload,
  type UploadLimits,
  UploadRefused,
} from '../../src/adapters/inspect-upload.ts';
import { LocalDirectoryStorage } from '../../src/adapters/storage.ts';
import { AppError } from '../../src/app/errors.ts';
import type { Principal } from '../../src/app/principal.ts';
import {
  assertAttachmentsUsable,
  linkAttachments,
  sanitizeFileName,
  uploadError,
} from '../../src/app/upload-attachment.ts';
import { attachmentRefs, attachments } from '../../src/db/schema.ts';
import { contentDisposition } from '../../src/http/routes/attachments.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { ENGINES } from '../support/db.ts';
import {
  as,
  type Caller,
  createOrder,
  createShop,
  createUser,
  type Shop,
} from '../support/fixtures.ts';

// ---------------------------------------------------------------------------------------------
// Test files, built in code.

const GPS_EXIF = {
  IFD0: { Make: 'Evidence Cam', Model: 'EC-1', Software: 'test' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '40/1 26/1 4612/100',
    GPSLongitudeRef: 'W',
    GPSLongitude: '79/1 58/1 5612/100',
  },
};

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } });

/** A 64x48 JPEG with camera EXIF, GPS coordinates and orientation 6 (shown rotated 90°). */
const jpegWithGps = () =>
  solid(64, 48).jpeg().withExif(GPS_EXIF).withMetadata({ orientation: 6 }).toBuffer();
const pngWithXmp = () =>
  solid(30, 20)
    .png()
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="40,26.7N"/></rdf:RDF></x:xmpmeta>',
    )
    .toBuffer();
const webp = () => solid(20, 10).webp().withExif(GPS_EXIF).toBuffer();

const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);

/** An `ftyp` box (brand isom) and an empty `mdat` box: enough for the container signature. */
const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom', 'latin1'),
  Buffer.from([0, 0, 2, 0]),
  Buffer.from('isomiso2', 'latin1'),
  Buffer.from([0, 0, 0, 8]),
  Buffer.from('mdat', 'latin1'),
]);

const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script>');
const SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>',
);
const TEXT = Buffer.from('Hello, this parcel arrived broken.\n');

/** A JPEG whose first segment is a comment holding an HTML page: valid JPEG and sniffable HTML. */
async function jpegHtmlPolyglot(): Promise<Buffer> {
  const jpeg = await solid(16, 16).jpeg().toBuffer();
  const html = Buffer.from('<html><script>alert(1)</script></html>', 'latin1');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(html.length + 2);
  return Buffer.concat([
    jpeg.subarray(0, 2),
    Buffer.from([0xff, 0xfe]),
    length,
    html,
    jpeg.subarray(2),
  ]);
}

const pdfWithScriptHead = () =>
  Buffer.concat([
    Buffer.from('%PDF-1.4\n% <html><body><script>fetch("/v1/me")</script></body></html>\n'),
    PDF.subarray(9),
  ]);

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG of 20,000 x 20,000 1-bit pixels (400 megapixels) that compresses to ~50 KB. */
function pngBomb(): Buffer {
  const side = 20_000;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // grayscale
  const rows = Buffer.alloc(side * (1 + side / 8)); // every row: filter byte 0, then zero pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const LIMITS: UploadLimits = {
  maxImageBytes: 10 * 1024 * 1024,
  maxVideoBytes: 50 * 1024 * 1024,
  maxPdfBytes: 10 * 1024 * 1024,
  maxImagePixels: 40_000_000,
};

/** The refusal as the API answers it (an upload's refusal is mapped as the upload use case maps it). */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof UploadRefused) return uploadError(error);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

// ---------------------------------------------------------------------------------------------

describe('inspectUpload (content decides, metadata goes)', () => {
  it('re-encodes a JPEG without EXIF or GPS, upright per its orientation', async () => {
    const input = await jpegWithGps();
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    const out = await inspectUpload(input, LIMITS);
    expect(out).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      ext: 'jpg',
      width: 48,
      height: 64,
    });
    const after = await sharp(out.bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(out.bytes.includes('Evidence Cam')).toBe(false);
    expect(out.bytes.includes('GPS')).toBe(false);
  });

  it('accepts PNG and WebP, dropping their metadata', async () => {
    const png = await inspectUpload(await pngWithXmp(), LIMITS);
    expect(png).toMatchObject({ mime: 'image/png', width: 30, height: 20 });
    expect((await sharp(png.bytes).metadata()).xmp).toBeUndefined();
    expect(png.bytes.includes('GPSLatitude')).toBe(false);
    const input = await webp();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const out = await inspectUpload(input, LIMITS);
    expect(out).toMatchObject({ mime: 'image/webp', kind: 'image', width: 20, height: 10 });
    expect((await sharp(out.bytes).metadata()).exif).toBeUndefined();
  });

  it('accepts a PDF and an MP4 as they are', async () => {
    const pdf = await inspectUpload(PDF, LIMITS);
    expect(pdf).toMatchObject({ kind: 'pdf', mime: 'application/pdf', width: null });
    expect(pdf.bytes.equals(PDF)).toBe(true);
    const mp4 = await inspectUpload(MP4, LIMITS);
    expect(mp4).toMatchObject({ kind: 'video', mime: 'video/mp4', ext: 'mp4' });
  });

  it.each([
    ['HTML', HTML],
    ['SVG', SVG],
    ['plain text', TEXT],
    ['a GIF (not an accepted kind)', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
    [
      'an ELF executable',
      Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), randomBytes(64)]),
    ],
    ['random bytes', randomBytes(512)],
  ])('refuses %s as unsupported_media_type', async (_label, bytes) => {
    expect((await refusal(inspectUpload(bytes, LIMITS))).code).toBe('unsupported_media_type');
  });

  it('refuses polyglots: a JPEG or PDF carrying HTML in its head', async () => {
    const jpeg = await jpegHtmlPolyglot();
    // It really is a decodable JPEG: only the markup check stops it.
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    const a = await refusal(inspectUpload(jpeg, LIMITS));
    expect(a.code).toBe('unsupported_media_type');
    expect(a.message).toMatch(/markup/);
    const b = await refusal(inspectUpload(pdfWithScriptHead(), LIMITS));
    expect(b.code).toBe('unsupported_media_type');
  });

  it('refuses a PNG decompression bomb from its header (400 megapixels in ~50 KB)', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(200_000);
    const error = await refusal(inspectUpload(bomb, LIMITS));
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/pixels/);
  });

  it('refuses files over their kind’s byte limit', async () => {
    const small = { ...LIMITS, maxPdfBytes: 100, maxVideoBytes: 10 };
    expect((await refusal(inspectUpload(PDF, small))).code).toBe('payload_too_large');
    expect((await refusal(inspectUpload(MP4, small))).code).toBe('payload_too_large');
    // The image limit is checked on the upload, before decoding.
    const jpeg = await jpegWithGps();
    const tight = { ...LIMITS, maxImageBytes: jpeg.length - 1 };
    expect((await refusal(inspectUpload(jpeg, tight))).code).toBe('payload_too_large');
  });

  it('refuses damaged files as validation_failed', async () => {
    const jpeg = await solid(32, 32).jpeg().toBuffer();
    const truncated = jpeg.subarray(0, 200);
    expect((await refusal(inspectUpload(truncated, LIMITS))).code).toBe('validation_failed');
    const noEof = PDF.subarray(0, PDF.indexOf('%%EOF'));
    const error = await refusal(inspectUpload(noEof, LIMITS));
    expect(error.code).toBe('validation_failed');
    expect(error.details.fields?.[0]?.path).toBe('body.file');
    expect((await refusal(inspectUpload(Buffer.alloc(0), LIMITS))).code).toBe('validation_failed');
  });
});

describe('file names', () => {
  it('keeps the name but never a path, control characters or a misleading extension', () => {
    expect(sanitizeFileName('crack.JPG', 'jpg')).toBe('crack.JPG');
    expect(sanitizeFileName('photo.jpeg', 'jpg')).toBe('photo.jpeg');
    expect(sanitizeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(sanitizeFileName('C:\\Users\\me\\receipt.pdf', 'pdf')).toBe('receipt.pdf');
    expect(sanitizeFileName('page.html', 'png')).toBe('page.html.png');
    expect(sanitizeFileName('in\u202Egpj.exe', 'jpg')).toBe('ingpj.exe.jpg');
    expect(sanitizeFileName('a\r\nb".pdf', 'pdf')).toBe('ab".pdf');
    expect(sanitizeFileName('...', 'mp4')).toBe('attachment.mp4');
    expect(sanitizeFileName(undefined, 'webp')).toBe('attachment.webp');
    const long = sanitizeFileName(`${'x'.repeat(500)}.pdf`, 'pdf');
    expect([...long].length).toBe(200);
    expect(long.endsWith('.pdf')).toBe(true);
    expect([...sanitizeFileName('退'.repeat(300), 'jpg')].length).toBe(200);
  });

  it('builds an RFC 6266 Content-Disposition with an ASCII fallback', () => {
    expect(contentDisposition('crack.jpg')).toBe(
      `attachment; filename="crack.jpg"; filename*=UTF-8''crack.jpg`,
    );
    expect(contentDisposition('退货 "照片".jpg')).toBe(
      `attachment; filename="__ ____.jpg"; filename*=UTF-8''%E9%80%80%E8%B4%A7%20%22%E7%85%A7%E7%89%87%22.jpg`,
    );
  });
});

describe('LocalDirectoryStorage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sendback-blobs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const storage = new LocalDirectoryStorage(dir);
  const bytes = Buffer.from('evidence bytes');
  const key = randomBytes(32).toString('hex');

  it('stores by content hash under a two-digit folder, with no temporary files left', async () => {
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(await storage.has(sha)).toBe(false);
    expect(await storage.get(sha)).toBeUndefined();
    await storage.put(sha, bytes);
    await storage.put(sha, bytes); // idempotent
    expect(await storage.has(sha)).toBe(true);
    expect((await storage.get(sha))?.equals(bytes)).toBe(true);
    expect(readdirSync(join(dir, sha.slice(0, 2)))).toEqual([sha]);
    const chunks: Buffer[] = [];
    for await (const chunk of (await storage.stream(sha))!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(await storage.stream(key)).toBeUndefined();
  });

  it('refuses keys that are not a SHA-256, and bytes that do not match their key', async () => {
    await expect(storage.put('../escape', bytes)).rejects.toThrow(/SHA-256/);
    await expect(storage.get(`../../${key.slice(6)}`)).rejects.toThrow(/SHA-256/);
    await expect(storage.put(key, bytes)).rejects.toThrow(/match/);
    expect(existsSync(join(dir, key.slice(0, 2), key))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

function form(
  bytes: Buffer,
  fileName: string,
  { field = 'file', type = 'application/octet-stream' } = {},
) {
  const boundary = `----sendback${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(dir, f)).isFile(),
  );
}

const asPrincipal = (caller: Caller, role: Principal['role'], sellerId: string | null = null) =>
  ({ user_id: caller.id, role, seller_id: sellerId, via: 'api_key' }) satisfies Principal;

describe.each(ENGINES)('attachments over HTTP [%s]', (engine) => {
  let t: TestApp;
  let dir: string;
  let shop: Shop;
  let otherShop: Shop;
  let otherBuyer: Caller & { email: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sendback-attachments-'));
    t = await startTestApp(engine, {
      SENDBACK_ATTACHMENTS_DIR: dir,
      SENDBACK_MAX_IMAGE_BYTES: '200000',
      SENDBACK_MAX_PDF_BYTES: '200000',
      SENDBACK_MAX_VIDEO_BYTES: '300000',
      SENDBACK_MAX_IMAGE_PIXELS: '1000000',
    });
    shop = await createShop(t.app);
    otherShop = await createShop(t.app);
    otherBuyer = await createUser(t.app, 'buyer');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (who: Caller | undefined, body: ReturnType<typeof form>, extra = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/attachments',
      headers: { ...(who ? as(who) : {}), ...body.headers, ...extra },
      payload: body.payload,
    });
  const get = (who: Caller, url: string) => t.app.inject({ method: 'GET', url, headers: as(who) });
  const rowCount = async () =>
    (await t.database.db.select({ n: count() }).from(attachments))[0]?.n ?? 0;

  it('uploads a photo: 201, EXIF and GPS stripped, stored by the hash of the stored bytes', async () => {
    const res = await upload(
      shop.buyer,
      form(await jpegWithGps(), 'crack.jpg', { type: 'image/jpeg' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      kind: 'image',
      mime_type: 'image/jpeg',
      width: 48,
      height: 64,
      file_name: 'crack.jpg',
      created_at: '2026-03-02T09:00:00.000Z',
    });
    expect(body.id).toMatch(/^att_[0-9a-z]{26}$/);
    const stored = filesUnder(dir).find((f) => f.endsWith(body.sha256));
    expect(stored).toBe(join(body.sha256.slice(0, 2), body.sha256));
    const content = await get(shop.buyer, `/v1/attachments/${body.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.length).toBe(body.size_bytes);
    const meta = await sharp(content.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(content.rawPayload.includes('Evidence Cam')).toBe(false);
  });

  it('accepts PNG, WebP, PDF and MP4, whatever their names and declared types say', async () => {
    const cases: [Buffer, string, string][] = [
      [await pngWithXmp(), 'scan.bin', 'image/png'],
      [await webp(), 'x.txt', 'image/webp'],
      [PDF, 'receipt', 'application/pdf'],
      [MP4, 'unboxing.mp4', 'video/mp4'],
    ];
    for (const [bytes, name, mime] of cases) {
      const res = await upload(shop.staff, form(bytes, name, { type: 'text/html' }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().mime_type).toBe(mime);
    }
    const named = await upload(shop.staff, form(PDF, 'receipt'));
    expect(named.json().file_name).toBe('receipt.pdf');
  });

  it('keeps a UTF-8 file name and sends it back in filename*', async () => {
    const res = await upload(shop.buyer, form(PDF, '退货单.pdf'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().file_name).toBe('退货单.pdf');
    const content = await get(shop.buyer, `/v1/attachments/${res.json().id}/content`);
    expect(content.headers['content-disposition']).toBe(
      `attachment; filename="___.pdf"; filename*=UTF-8''%E9%80%80%E8%B4%A7%E5%8D%95.pdf`,
    );
  });

  it.each([
    ['an HTML page named .jpg', () => form(HTML, 'photo.jpg', { type: 'image/jpeg' }), 415],
    ['an SVG', () => form(SVG, 'logo.svg', { type: 'image/svg+xml' }), 415],
    ['a text file', () => form(TEXT, 'note.txt'), 415],
    [
      'wrong magic bytes',
      () => form(Buffer.from('MZ\x90\x00\x03'.repeat(40), 'latin1'), 'a.png'),
      415,
    ],
    ['a JPEG/HTML polyglot', async () => form(await jpegHtmlPolyglot(), 'x.jpg'), 415],
    ['a PDF with a script in its head', () => form(pdfWithScriptHead(), 'x.pdf'), 415],
    [
      'an image over the image limit',
      async () =>
        form(
          Buffer.concat([await solid(8, 8).jpeg().toBuffer(), Buffer.alloc(250_000)]),
          'big.jpg',
        ),
      413,
    ],
    ['a file over every limit', () => form(randomBytes(400_000), 'huge.mp4'), 413],
    [
      'a decompression bomb (4 megapixels over a 1 megapixel limit)',
      async () => form(await solid(2000, 2000).png().toBuffer(), 'bomb.png'),
      413,
    ],
    ['a truncated PDF', () => form(PDF.subarray(0, 60), 'cut.pdf'), 422],
  ] as const)('refuses %s and writes nothing', async (_label, build, status) => {
    const before = await rowCount();
    const blobs = filesUnder(dir).length;
    const res = await upload(shop.buyer, await build());
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe(
      { 413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'validation_failed' }[status],
    );
    expect(await rowCount()).toBe(before);
    expect(filesUnder(dir).length).toBe(blobs);
  });

  it('answers problems for no file, a wrong part name, two files, a non-form body, no caller', async () => {
    const before = await rowCount();
    const wrongField = await upload(shop.buyer, form(PDF, 'a.pdf', { field: 'document' }));
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json()).toMatchObject({ code: 'malformed_request' });
    const boundary = 'xyz';
    const empty = await t.app.inject({
      method: 'POST',
      url: '/v1/attachments',
      headers: { ...as(shop.buyer), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--${boundary}--\r\n`,
    });
    expect(empty.statusCode).toBe(400);
    const json = await t.app.inject({
      method: 'POST',
      url: '/v1/attachments',
      headers: as(shop.buyer),
      payload: { file: 'aGVsbG8=' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);
    const raw = await t.app.inject({
      method: 'POST',
      url: '/v1/attachments',
      headers: { ...as(shop.buyer), 'content-type': 'image/png' },
      payload: await pngWithXmp(),
    });
    expect(raw.statusCode).toBe(415);
    const one = form(PDF, 'a.pdf');
    const two = form(MP4, 'b.mp4');
    const boundaryOf = (f: typeof one) => f.headers['content-type'].split('boundary=')[1]!;
    const twoFiles = await t.app.inject({
      method: 'POST',
      url: '/v1/attachments',
      headers: { ...as(shop.buyer), ...one.headers },
      payload: Buffer.concat([
        one.payload.subarray(0, one.payload.lastIndexOf(`--${boundaryOf(one)}--`)),
        Buffer.from(
          two.payload.toString('latin1').replaceAll(boundaryOf(two), boundaryOf(one)),
          'latin1',
        ),
      ]),
    });
    expect(twoFiles.statusCode, twoFiles.body).toBe(400);
    expect((await upload(undefined, form(PDF, 'a.pdf'))).statusCode).toBe(401);
    expect(await rowCount()).toBe(before);
  });

  it('needs the CSRF header when uploading with a session cookie', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email: otherBuyer.email, password: 'correct horse battery' },
    });
    expect(login.statusCode, login.body).toBe(201);
    const session = /sendback_session=([^;]+)/.exec(String(login.headers['set-cookie']))![1]!;
    const send = (headers: Record<string, string>) => {
      const body = form(PDF, 'cookie.pdf');
      return t.app.inject({
        method: 'POST',
        url: '/v1/attachments',
        cookies: { sendback_session: session },
        headers: { ...body.headers, ...headers },
        payload: body.payload,
      });
    };
    const without = await send({});
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf_failed');
    const withIt = await send({ 'x-csrf-token': login.json().csrf_token });
    expect(withIt.statusCode, withIt.body).toBe(201);
  });

  it('replays an upload retried with the same Idempotency-Key', async () => {
    const key = { 'idempotency-key': `att-${randomBytes(4).toString('hex')}` };
    const first = await upload(shop.buyer, form(PDF, 'once.pdf'), key);
    const again = await upload(shop.buyer, form(PDF, 'once.pdf'), key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const other = await upload(shop.buyer, form(PDF, 'other-name.pdf'), key);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
  });

  it('serves only to the uploader, agents and the parties of an order citing it', async () => {
    const res = await upload(shop.buyer, form(await jpegWithGps(), 'dent.jpg'));
    const id = res.json().id;
    const content = `/v1/attachments/${id}/content`;

    const mine = await get(shop.buyer, content);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-disposition': `attachment; filename="dent.jpg"; filename*=UTF-8''dent.jpg`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=3600',
    });
    expect((await get(shop.buyer, `/v1/attachments/${id}`)).json()).toMatchObject({
      id,
      file_name: 'dent.jpg',
    });
    expect((await get(shop.agent, content)).statusCode).toBe(200);

    for (const outsider of [shop.staff, otherShop.staff, otherBuyer]) {
      expect((await get(outsider, content)).statusCode).toBe(404);
      expect((await get(outsider, `/v1/attachments/${id}`)).statusCode).toBe(404);
    }

    const order = await createOrder(t.app, shop);
    await linkAttachments(t.database.db, [id, id], order.id, t.clock.now());
    await linkAttachments(t.database.db, [id], order.id, t.clock.now()); // repeats are ignored
    const refs = await t.database.db.select().from(attachmentRefs);
    expect(refs.filter((r) => r.attachmentId === id)).toHaveLength(1);

    const staff = await get(shop.staff, content);
    expect(staff.statusCode).toBe(200);
    expect(staff.rawPayload.equals(mine.rawPayload)).toBe(true);
    expect((await get(otherShop.staff, content)).statusCode).toBe(404);
    expect((await get(otherBuyer, content)).statusCode).toBe(404);
    const missing = await get(shop.buyer, '/v1/attachments/att_00000000000000000000000000/content');
    expect(missing.statusCode).toBe(404);
  });

  it('lets commands cite only your own attachments (agents any they can see)', async () => {
    const mine = (await upload(shop.buyer, form(PDF, 'mine.pdf'))).json().id;
    const theirs = (await upload(otherBuyer, form(PDF, 'theirs.pdf'))).json().id;
    const buyer = asPrincipal(shop.buyer, 'buyer');
    await assertAttachmentsUsable(t.database.db, buyer, [mine], 'body.attachment_ids');
    await assertAttachmentsUsable(t.database.db, buyer, [], 'body.attachment_ids');
    const error = await refusal(
      assertAttachmentsUsable(
        t.database.db,
        buyer,
        [mine, theirs, mine, 'att_00000000000000000000000000'],
        'body.attachment_ids',
      ),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.details.fields?.map((f) => f.path)).toEqual([
      'body.attachment_ids.1',
      'body.attachment_ids.2',
      'body.attachment_ids.3',
    ]);
    const staff = asPrincipal(shop.staff, 'seller', shop.seller.id);
    expect((await refusal(assertAttachmentsUsable(t.database.db, staff, [mine], 'x'))).code).toBe(
      'validation_failed',
    );
    const agent = asPrincipal(shop.agent, 'agent');
    await assertAttachmentsUsable(t.database.db, agent, [mine, theirs], 'body.attachment_ids');
  });
});
