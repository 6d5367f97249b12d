import type { Db } from '../db/database.ts';
import { latestLabelOf } from '../db/return-labels.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';
import { visibleCase } from './read-returns.ts';

export interface LabelFile {
  bytes: Buffer;
  mime_type: 'application/pdf' | 'image/png';
  file_name: string;
}

/**
 * The case's prepaid label, to those who see the case: the PDF to print, or the QR code a drop-off
 * counter scans instead. 404 until a label is bought (the case says when it is asked for, bought or
 * failed).
 */
export async function readLabel(
  db: Db,
  principal: Principal,
  caseId: string,
  format: 'pdf' | 'qr',
): Promise<LabelFile> {
  const c = await visibleCase(db, principal, caseId);
  const label = await latestLabelOf(db, c.id);
  if (label?.status !== 'purchased' || !label.labelPdf || !label.qrPng) {
    throw new AppError('not_found', 'This return has no prepaid label (yet).');
  }
  return format === 'pdf'
    ? { bytes: label.labelPdf, mime_type: 'application/pdf', file_name: `return-label-${c.id}.pdf` }
    : { bytes: label.qrPng, mime_type: 'image/png', file_name: `return-label-${c.id}.png` };
}
