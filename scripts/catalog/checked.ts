// Facts about grant's providers checked against each provider's current documentation (the docs
// URL is recorded as the app's docsUrl and provenance.checkedAgainst). What is listed here wins over
// grant's data; everything else comes from grant as it is.

export interface CheckedFacts {
  docsUrl: string;
  scopeSeparator?: " " | ",";
  defaultScopes?: string[];
  pkce?: boolean;
  authorizeParams?: Record<string, string>;
  /** Dotted path of the account id in the profile response. */
  identityId?: string;
}

export const CHECKED: Record<string, CheckedFacts> = {};
