import { onFirstUse } from './on-first-use.ts';

/** The `qrcode` library, loaded when the first QR code is drawn. */
export const loadQrCode = onFirstUse(() => import('qrcode').then((m) => m.default));

/** A drop-off QR code for a tracking number, as PNG bytes (what carriers' counters scan). */
export async function qrCodePng(text: string): Promise<Buffer> {
  const QRCode = await loadQrCode();
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
}
