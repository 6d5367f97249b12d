/** A way to reach the buyer: an e-mail address, or a phone number of 6 to 15 digits. */
export function isContact(text: string): boolean {
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return true;
  const digits = text.replace(/\D/g, '').length;
  return /^\+?[\d\s().-]+$/.test(text) && digits >= 6 && digits <= 15;
}
