import { invalidParameter } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { parseListUsersFilter } from "../users/list-users-filter.ts";
import { userType } from "../users/user-type.ts";
import { requirePool } from "./guards.ts";
import { type Input, optionalString, optionalStringList } from "./input.ts";

const maxLimit = 60;
/** Cognito's limit on a ListUsers filter, quotes and attribute name included. */
const maxFilterLength = 256;

function readFilter(value: string | undefined): string | undefined {
  if (value !== undefined && value.length > maxFilterLength) {
    throw invalidParameter(
      `1 validation error detected: Value at 'filter' failed to satisfy constraint: Member must have length less than or equal to ${maxFilterLength}`,
    );
  }
  return value;
}

function readLimit(value: unknown): number {
  if (value === undefined || value === null || value === 0) return maxLimit;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > maxLimit) {
    throw invalidParameter(
      `1 validation error detected: Value '${String(value)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${maxLimit}`,
    );
  }
  return value;
}

/** Pagination tokens are opaque to clients; here they hold the offset of the next page. */
function readOffset(token: string | undefined): number {
  if (token === undefined) return 0;
  const offset = Number(Buffer.from(token, "base64url").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) throw invalidParameter("Invalid pagination token.");
  return offset;
}

export async function listUsers(ctx: PoolContext, input: Input) {
  requirePool(ctx, input);
  const matches = parseListUsersFilter(readFilter(optionalString(input, "Filter")));
  const attributesToGet = optionalStringList(input, "AttributesToGet");
  const limit = readLimit(input.Limit);
  const offset = readOffset(optionalString(input, "PaginationToken"));
  const users = ctx.users.all().filter(matches);
  const page = users.slice(offset, offset + limit).map((user) => userType(user, attributesToGet));
  const next = offset + limit < users.length ? Buffer.from(String(offset + limit)).toString("base64url") : undefined;
  return next === undefined ? { Users: page } : { Users: page, PaginationToken: next };
}
