import { fileTypeFromBuffer } from 'file-type';
import type { Metadata } from 'sharp';

export type AttachmentKind = 'image' | 'video' | 'pdf';

export interface UploadLimits {
  maxImageBytes: number;
  maxVideoBytes: number;
  maxPdfBytes: number;
  /** Most pixels (width x height) an image may have; checked before it is decoded. */
  maxImagePixels: number;
}

/** An accepted upload: the bytes to store (images re-encoded without metadata) and what they are. */
export interface InspectedUpload {
  kind: AttachmentKind;
  mime: string;
  /** The usual file name extension of the kind, without the dot. */
  ext: string;
  bytes: Buffer;
  width: number | null;
  height: number | null;
}

/** The only content types accepted, as detected from the bytes (never from a name or header). */
export const ACCEPTED: Readonly<Record<string, { kind: AttachmentKind; ext: string }>> = {
  'image/jpeg': { kind: 'image', ext: 'jpg' },
  'image/png': { kind: 'image', ext: 'png' },
  'image/webp': { kind: 'image', ext: 'webp' },
  'video/mp4': { kind: 'video', ext: 'mp4' },
  'application/pdf': { kind: 'pdf', ext: 'pdf' },
};

const ACCEPTED_LIST = 'JPEG, PNG or WebP images, MP4 video, or PDF';

/**
 * How far into a file we look for markup. Browsers that sniff content (the MIME sniffing standard
 * reads up to 1,445 bytes; older engines more) decide "this is HTML" from the first bytes, so
 * markup anywhere in the head of a file makes it a polyglot.
 */
const MARKUP_SCAN_BYTES = 8 * 1024;
/**
 * An HTML, SVG or script tag opening: `<html`, `<script ...`, `<svg>`, `<!doctype html`... Only
 * names of three letters or more, followed by a tag delimiter: short ones (`<a>`, `<p>`) would turn
 * up by chance in the compressed data of ordinary photos.
 */
const MARKUP =
  /<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|style|title)[\s/>]/i;

const PDF_HEADER = /^%PDF-[12]\.\d/;
const PDF_TRAILER_BYTES = 1024;

/**
 * Why an upload is refused: `unsupported_media_type` (another kind, or a polyglot),
 * `payload_too_large` (over the kind's byte or pixel limit), `unreadable` (a damaged file).
 */
export class UploadRefused extends Error {
  constructor(
    readonly kind: 'unsupported_media_type' | 'payload_too_large' | 'unreadable',
    message: string,
    /** For `unreadable`: what is wrong with the file, in a few words. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

const refuse = (detail: string) => new UploadRefused('unsupported_media_type', detail);
const unreadable = (message: string) =>
  new UploadRefused('unreadable', `The file could not be read: ${message}.`, message);
const tooLarge = (detail: string) => new UploadRefused('payload_too_large', detail);

const formatBytes = (n: number) =>
  n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MB` : `${n.toLocaleString('en-US')} bytes`;

/**
 * Decides what an upload is from its content alone, refuses anything that is not an accepted
 * kind, and returns the bytes to store. Throws UploadRefused: `unsupported_media_type` for other
 * kinds (SVG, HTML, XML, text, executables...) and polyglots, `payload_too_large` (413) over the
 * kind's byte limit or an image's pixel limit, `validation_failed` (422) for a damaged file.
 */
export async function inspectUpload(input: Buffer, limits: UploadLimits): Promise<InspectedUpload> {
  if (input.length === 0) throw unreadable('the file is empty');
  // file-type reads magic bytes; it answers undefined for text, which includes HTML and SVG.
  const detected = await fileTypeFromBuffer(input);
  const accepted = detected ? ACCEPTED[detected.mime] : undefined;
  if (!detected || !accepted) {
    throw refuse(
      `Only ${ACCEPTED_LIST} files are accepted; this file's content is ${
        detected ? detected.mime : 'not one of them'
      }.`,
    );
  }
  // Polyglots: a file can be a valid JPEG or PDF and, read from its first bytes, an HTML page
  // too (markup in a comment segment or a PDF object). We serve bytes with nosniff, a sandbox CSP
  // and as a download, but a client that ignores those headers (or a proxy that re-serves them)
  // must still never find HTML or SVG to render: the served bytes must never be sniffable as a
  // web page, so such files are refused rather than cleaned.
  if (MARKUP.test(input.subarray(0, MARKUP_SCAN_BYTES).toString('latin1'))) {
    throw refuse(
      `The file is a ${detected.mime} that also contains HTML or SVG markup; such files are refused.`,
    );
  }
  const limit = limitFor(accepted.kind, limits);
  if (input.length > limit) {
    throw tooLarge(`A ${accepted.kind} may be at most ${formatBytes(limit)}.`);
  }
  const base = { kind: accepted.kind, mime: detected.mime, ext: accepted.ext };
  switch (accepted.kind) {
    case 'image':
      return { ...base, ...(await reencodeImage(input, detected.mime, limits.maxImagePixels)) };
    case 'pdf':
      checkPdf(input);
      return { ...base, bytes: input, width: null, height: null };
    case 'video':
      // MP4 is checked by its container signature (the `ftyp` box) only: decoding video needs a
      // media toolkit we do not ship. It is stored as uploaded and only ever served as a download.
      return { ...base, bytes: input, width: null, height: null };
  }
}

function limitFor(kind: AttachmentKind, limits: UploadLimits): number {
  switch (kind) {
    case 'image':
      return limits.maxImageBytes;
    case 'video':
      return limits.maxVideoBytes;
    case 'pdf':
      return limits.maxPdfBytes;
  }
}

const SHARP_FORMAT: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/**
 * Decodes and re-encodes the image in its own format. The new file carries no metadata: sharp
 * writes none unless asked, so EXIF (camera, time, GPS location), XMP, IPTC, ICC profiles and
 * comments are gone, as is anything appended after the image data. The EXIF orientation is applied
 * to the pixels first, so the photo still shows upright. An animated WebP keeps its first frame.
 */
async function reencodeImage(
  input: Buffer,
  mime: string,
  maxPixels: number,
): Promise<{ bytes: Buffer; width: number; height: number }> {
  // Loaded on the first image, not at start: sharp and libvips hold memory a node may never need.
  const { default: sharp } = await import('sharp');
  const image = sharp(input, { limitInputPixels: maxPixels, failOn: 'error' });
  const overPixels = () =>
    tooLarge(`An image may have at most ${maxPixels.toLocaleString('en-US')} pixels.`);
  let header: Metadata;
  try {
    header = await image.metadata();
  } catch (error) {
    throw isPixelLimit(error) ? overPixels() : unreadable('the image is damaged or not valid');
  }
  if (header.format !== SHARP_FORMAT[mime]) {
    throw unreadable('the image data does not match its signature');
  }
  // A decompression bomb is a small file that declares huge dimensions: it is refused from its
  // header, before any pixel is decoded (sharp checks limitInputPixels when it reads the header).
  if (!header.width || !header.height) throw unreadable('the image has no dimensions');
  if (header.width * header.height > maxPixels) throw overPixels();
  const oriented = image.rotate();
  const encoder =
    mime === 'image/png'
      ? oriented.png()
      : mime === 'image/webp'
        ? oriented.webp({ quality: 90 })
        : oriented.jpeg({ quality: 90 });
  try {
    const { data, info } = await encoder.toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch (error) {
    throw isPixelLimit(error) ? overPixels() : unreadable('the image is damaged or not valid');
  }
}

/** sharp's error when an image's declared dimensions exceed `limitInputPixels`. */
const isPixelLimit = (error: unknown) => /pixel limit/i.test(String((error as Error)?.message));

/**
 * A PDF must start with its `%PDF-x.y` header and end with `%%EOF` in its last kilobyte (where
 * the trailer is): that rules out truncated files and other data wearing a PDF signature.
 */
function checkPdf(input: Buffer): void {
  if (!PDF_HEADER.test(input.subarray(0, 8).toString('latin1'))) {
    throw unreadable('the PDF header is missing');
  }
  const tail = input.subarray(Math.max(0, input.length - PDF_TRAILER_BYTES)).toString('latin1');
  if (!tail.includes('%%EOF')) throw unreadable('the PDF is truncated (no %%EOF at its end)');
}
