import QRCode from 'qrcode';

/** A drop-off QR code for a tracking number, as PNG bytes (what carriers' counters scan). */
export function qrCodePng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
}
