import { createContext, useContext } from 'react';

/** The policy's currency as its money fields show it, and the currencies a shop may pick. */
export interface PolicyCurrency {
  /** The symbol in the reader's locale (US$, £, ¥), for input prefixes. */
  symbol: string;
  /** Digits after the decimal point (2 for USD, 0 for JPY). */
  digits: number;
  /** The currencies offered, the saved one among them. */
  choices: readonly string[];
}

/** The currencies offered unless the policy already uses another. */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CNY', 'HKD', 'JPY', 'CAD', 'AUD', 'SGD'];

export const PolicyCurrencyContext = createContext<PolicyCurrency>({
  symbol: '$',
  digits: 2,
  choices: CURRENCIES,
});

export function usePolicyCurrency(): PolicyCurrency {
  return useContext(PolicyCurrencyContext);
}
