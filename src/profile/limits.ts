// Limits on what gotune accepts as a profile, in a module of their own so
// that the CLI's entry can use them without loading the decoder.

/**
 * DEFAULT_MAX_DECOMPRESSED is the default decompressed-size limit (1 GiB):
 * ten times the largest profiles seen in practice, and small enough that a
 * decompression bomb is refused with the process under 1.5 GB.
 */
export const DEFAULT_MAX_DECOMPRESSED = 1024 * 1024 * 1024;
