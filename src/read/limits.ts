// Input limits, in a module of their own so that a caller can refuse a file before loading any reader.

/** Largest input accepted, so a wrong file cannot take the machine's memory. */
export const MAX_BYTES = 64 * 1024 * 1024;

export const tooLarge = (size: number | null) =>
  size === null ? `文件过大（超过 ${MAX_BYTES / 1048576} MB 上限）` : `文件过大（${(size / 1048576).toFixed(1)} MB，上限 ${MAX_BYTES / 1048576} MB）`;

/** Largest text accepted: a report's text is well under 1 MB; 20 MB reads in about 2 s. */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

export const textTooLarge = (size: number) => `文本文件过大（${(size / 1048576).toFixed(1)} MB，上限 ${MAX_TEXT_BYTES / 1048576} MB）；年度报告的文本通常不到 1 MB`;
