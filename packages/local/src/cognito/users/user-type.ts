import { toAttributeList } from "./attributes.ts";
import type { UserRecord } from "./user-record.ts";

/** Dates go on the wire as epoch seconds, the awsJson1_1 timestamp format. */
const seconds = (ms: number) => ms / 1000;

/** The UserType of ListUsers and AdminCreateUser. */
export function userType(user: UserRecord, attributesToGet?: readonly string[]) {
  return {
    Username: user.username,
    Attributes: toAttributeList(user.attributes, attributesToGet),
    UserCreateDate: seconds(user.createdAt),
    UserLastModifiedDate: seconds(user.modifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** The AdminGetUser response, which names the attribute list differently. */
export function adminGetUserResponse(user: UserRecord) {
  return {
    Username: user.username,
    UserAttributes: toAttributeList(user.attributes),
    UserCreateDate: seconds(user.createdAt),
    UserLastModifiedDate: seconds(user.modifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}
