/** How the directory writes and compares addresses: trimmed, in lower case, as people mean them. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
