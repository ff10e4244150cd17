/**
 * A number as typed, with the spaces, dashes, dots and brackets people write between digits taken out
 * ("+44 7700 900-123" is +447700900123). Nothing else is tidied: no trunk 0 is dropped and no country
 * guessed, so the api's strict E.164 check (INVALID_PHONE_NUMBER) decides the rest.
 */
export function compactPhoneNumber(typed: string): string {
  return typed.replace(/[\s().-]/g, "");
}
