import { inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFDocument,
  PDFName,
  type PDFNumber,
  PDFRawStream,
  StandardFonts,
} from 'pdf-lib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { checkTrackingNumber } from '../../src/adapters/carriers.ts';
import type { LabelRequest, PurchasedLabel } from '../../src/adapters/labels.ts';
import {
  QR_CODE_OPTIONS,
  SimulatedLabels,
  simulatedTrackingNumber,
  winAnsiText,
} from '../../src/adapters/simulated-labels.ts';

function labelRequest(overrides: Partial<LabelRequest> = {}): LabelRequest {
  return {
    idempotency_key: 'case_42:label_requested:7',
    case_id: 'case_42',
    from: {
      name: 'Ada Lovelace',
      line1: '12 Analytical Way',
      city: 'Portland',
      region: 'OR',
      postal_code: '97201',
      country: 'US',
    },
    to: {
      name: 'Returns Desk, Hippo Goods',
      line1: '500 Warehouse Rd',
      line2: 'Dock 4',
      city: 'Reno',
      region: 'NV',
      postal_code: '89502',
      country: 'US',
    },
    parcel: { weight_grams: 900, length_cm: 30, width_cm: 20, height_cm: 10 },
    ...overrides,
  };
}

async function buyLabel(
  request: LabelRequest,
  provider = new SimulatedLabels(),
): Promise<PurchasedLabel> {
  const prepared = await provider.prepare(request);
  if (prepared.status !== 'prepared') throw new Error(prepared.error);
  const bought = await provider.buy(prepared.shipment_reference, request);
  if (bought.status !== 'purchased') throw new Error(bought.error);
  return bought.label;
}

/** Every stream of the PDF, decoded (content streams and images are Flate-compressed). */
async function decodedStreams(bytes: Uint8Array): Promise<{ raw: PDFRawStream; data: Buffer }[]> {
  const pdf = await PDFDocument.load(bytes);
  return pdf.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter((object): object is PDFRawStream => object instanceof PDFRawStream)
    .map((raw) => ({ raw, data: Buffer.from(decodePDFRawStream(raw).decode()) }));
}

/** pdf-lib writes standard-font text as hex strings: `<...> Tj`. */
function shownText(contentStream: string): string {
  return [...contentStream.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)]
    .map((m) => Buffer.from(m[1]!, 'hex').toString('latin1'))
    .join('\n');
}

interface Bitmap {
  width: number;
  height: number;
  /** Is the pixel at (x, y) dark? */
  dark(x: number, y: number): boolean;
}

/** A small PNG reader (8-bit greyscale, RGB or RGBA, no interlace): enough for qrcode's output. */
function readPng(png: Uint8Array): Bitmap {
  const bytes = Buffer.from(png);
  let offset = 8;
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect(header[8]).toBe(8);
  expect(header[12]).toBe(0);
  const channels = ({ 0: 1, 2: 3, 6: 4 } as Record<number, number>)[header[9]!];
  if (!channels) throw new Error(`colour type ${header[9]}`);
  const stride = width * channels;
  const filtered = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const raw = filtered[y * (stride + 1) + 1 + i]!;
      const left = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`filter ${filter}`);
      pixels[y * stride + i] = (raw + predictor) & 0xff;
    }
  }
  return { width, height, dark: (x, y) => pixels[y * stride + x * channels]! < 128 };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Samples the centre of every module of a QR drawn with a quiet zone of `margin` modules. */
function sampledModules(bitmap: Bitmap, size: number, margin: number): boolean[] {
  const modulePixels = bitmap.width / (size + 2 * margin);
  const sampled: boolean[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = Math.floor((col + margin + 0.5) * modulePixels);
      const y = Math.floor((row + margin + 0.5) * modulePixels);
      sampled.push(bitmap.dark(x, y));
    }
  }
  return sampled;
}

function qrMatrix(text: string): { size: number; modules: boolean[] } {
  const qr = QRCode.create(text, { errorCorrectionLevel: QR_CODE_OPTIONS.errorCorrectionLevel });
  const { size } = qr.modules;
  const modules: boolean[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) modules.push(Boolean(qr.modules.get(row, col)));
  }
  return { size, modules };
}

describe('SimulatedLabels', () => {
  it('buys a one-page 4x6 inch PDF label with the tracking number, RETURN and the case id', async () => {
    const label = await buyLabel(labelRequest());

    expect(Buffer.from(label.label_pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const pdf = await PDFDocument.load(label.label_pdf);
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([width / 72, height / 72]).toEqual([4, 6]);

    const text = (await decodedStreams(label.label_pdf))
      .map(({ data }) => shownText(data.toString('latin1')))
      .join('\n');
    const lines = text.split('\n');
    expect(lines).toContain(label.tracking_number);
    expect(lines).toContain('RETURN');
    expect(lines).toContain('Case case_42');
    expect(lines).toContain('USPS Ground Advantage Return');
    expect(lines).toContain('Ada Lovelace');
    expect(lines).toContain('Returns Desk, Hippo Goods');
    expect(lines).toContain('Reno NV 89502');
  });

  it('answers a tracking number that passes our USPS check', async () => {
    const label = await buyLabel(labelRequest());
    expect(label.carrier).toBe('USPS');
    expect(label.tracking_number).toMatch(/^\d{22}$/);
    expect(checkTrackingNumber('USPS', label.tracking_number)).toMatchObject({
      ok: true,
      verified: true,
    });
    // Many references, not one lucky number; and a changed digit fails the check digit.
    for (let i = 0; i < 200; i++) {
      const number = simulatedTrackingNumber(`sim_shp_${i}`);
      expect(checkTrackingNumber('USPS', number).ok).toBe(true);
      const last = Number(number.at(-1));
      const broken = number.slice(0, -1) + String((last + 1) % 10);
      expect(checkTrackingNumber('USPS', broken).ok).toBe(false);
    }
  });

  it('answers the cost and currency it was configured with', async () => {
    const label = await buyLabel(
      labelRequest(),
      new SimulatedLabels({ cost: 1234, currency: 'EUR' }),
    );
    expect(label).toMatchObject({ cost: 1234, currency: 'EUR', service: expect.any(String) });
    const defaults = await buyLabel(labelRequest());
    expect(defaults).toMatchObject({ cost: 795, currency: 'USD' });
  });

  it('answers a PNG QR code that encodes the tracking number, and draws that QR on the label', async () => {
    const label = await buyLabel(labelRequest());
    const png = label.qr_code_png!;
    expect(Buffer.from(png.subarray(0, 8))).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(Buffer.from(png)).toEqual(await QRCode.toBuffer(label.tracking_number, QR_CODE_OPTIONS));

    const expected = qrMatrix(label.tracking_number);
    expect(sampledModules(readPng(png), expected.size, QR_CODE_OPTIONS.margin)).toEqual(
      expected.modules,
    );
    const other = qrMatrix(simulatedTrackingNumber('sim_shp_other'));
    expect(other.modules).not.toEqual(expected.modules);

    // The label embeds the same picture: an RGB image XObject whose pixels show that matrix.
    const images = (await decodedStreams(label.label_pdf)).filter(
      ({ raw }) =>
        raw.dict.get(PDFName.of('Subtype')) === PDFName.of('Image') &&
        raw.dict.get(PDFName.of('ColorSpace')) === PDFName.of('DeviceRGB'),
    );
    expect(images).toHaveLength(1);
    const [image] = images;
    const imageWidth = (image!.raw.dict.get(PDFName.of('Width')) as PDFNumber).asNumber();
    const imageHeight = (image!.raw.dict.get(PDFName.of('Height')) as PDFNumber).asNumber();
    const rgbPixels = image!.data;
    expect(rgbPixels.length).toBe(imageWidth * imageHeight * 3);
    const drawn: Bitmap = {
      width: imageWidth,
      height: imageHeight,
      dark: (x, y) => rgbPixels[(y * imageWidth + x) * 3]! < 128,
    };
    expect(sampledModules(drawn, expected.size, QR_CODE_OPTIONS.margin)).toEqual(expected.modules);
  });

  it('is deterministic: the same key gives the same reference, number and bytes', async () => {
    const first = await buyLabel(labelRequest());
    const second = await buyLabel(labelRequest(), new SimulatedLabels());
    expect(second.provider_reference).toBe(first.provider_reference);
    expect(second.tracking_number).toBe(first.tracking_number);
    expect(Buffer.from(second.label_pdf).equals(Buffer.from(first.label_pdf))).toBe(true);
    expect(Buffer.from(second.qr_code_png!).equals(Buffer.from(first.qr_code_png!))).toBe(true);

    const other = await buyLabel(labelRequest({ idempotency_key: 'case_43:label_requested:1' }));
    expect(other.provider_reference).not.toBe(first.provider_reference);
    expect(other.tracking_number).not.toBe(first.tracking_number);
  });

  it('refuses a reference it did not make, without retrying', async () => {
    const outcome = await new SimulatedLabels().buy('shp_123', labelRequest());
    expect(outcome).toMatchObject({ status: 'failed', retryable: false });
  });

  it('draws a Chinese buyer name without throwing, replacing what the font cannot encode', async () => {
    const request = labelRequest({
      from: { ...labelRequest().from, name: '张伟 (Zhang Wei)', line1: 'Straße 5, Café Ñandú' },
    });
    const label = await buyLabel(request);
    const pdf = await PDFDocument.load(label.label_pdf);
    expect(pdf.getPageCount()).toBe(1);
    const lines = (await decodedStreams(label.label_pdf))
      .map(({ data }) => shownText(data.toString('latin1')))
      .join('\n')
      .split('\n');
    expect(lines).toContain('?? (Zhang Wei)');
    expect(lines).toContain('Straße 5, Café Ñandú');

    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    expect(winAnsiText('Łódź 李', font)).toBe('Lódz ?');
    expect(() => font.encodeText(winAnsiText('😀 Ω 東京', font))).not.toThrow();
  });
});
