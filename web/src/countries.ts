import countries from 'i18n-iso-countries';

// Countries as people read them: ISO 3166-1 alpha-2 codes on the wire (the same list the server
// checks against), names in the reader's language from the browser's own Intl data.

/** Every ISO 3166-1 alpha-2 code, in capitals. */
export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort();

const namers = new Map<string, Intl.DisplayNames>();

/** A country's name in the locale ("United States", "美国"); the code itself when unknown. */
export function countryName(code: string, locale: string): string {
  try {
    let namer = namers.get(locale);
    if (!namer) {
      namer = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
      namers.set(locale, namer);
    }
    return namer.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Select options for every country, sorted by name as the locale sorts. */
export function countryOptions(locale: string): { value: string; label: string }[] {
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, locale) })).sort(
    (a, b) => collator.compare(a.label, b.label),
  );
}
