/**
 * An error as Cognito reports it: the SDK turns `__type` into the exception class and keeps `message`.
 * Names and messages are copied from the service, because clients match on them.
 */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const notAuthorized = (message: string) => new CognitoError("NotAuthorizedException", message);

export const invalidParameter = (message: string) => new CognitoError("InvalidParameterException", message);

export const userNotFound = () => new CognitoError("UserNotFoundException", "User does not exist.");

/** What a failed custom auth and an unknown user (with PreventUserExistenceErrors) both look like. */
export const incorrectCredentials = () => notAuthorized("Incorrect username or password.");

export const missingParameter = (name: string) => invalidParameter(`Missing required parameter ${name}`);

/** Cognito's wording for a required member that is absent from the request. */
export const nullMember = (member: string) =>
  invalidParameter(
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );

/**
 * Email and phone number are each unique in the pool: UsernameExistsException on create,
 * AliasExistsException on update.
 */
export const emailExists = (type: "UsernameExistsException" | "AliasExistsException") =>
  new CognitoError(type, "An account with the given email already exists.");

export const phoneNumberExists = (type: "UsernameExistsException" | "AliasExistsException") =>
  new CognitoError(type, "An account with the given phone_number already exists.");
