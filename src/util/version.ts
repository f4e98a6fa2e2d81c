/** The tsorch version, as in package.json. Kept as a constant so the CLI reads no file at start. */
export const version = '0.1.0';
