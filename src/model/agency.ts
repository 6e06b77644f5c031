// When two reports are the same agency's: the one rule for pairing a report with the year before
// (carry-over, in one run or across a batch) and for an agency given twice to a sum.

/**
 * The key two reports share when they name the same agency: the name in NFKC (full-width and
 * half-width letters, digits and brackets alike) without spaces (a title printed 广水市 科技经信局);
 * '' where the report names none.
 */
export const agencyKey = (agency: string | null): string => (agency ?? '').normalize('NFKC').replace(/\s+/g, '');
