import type { LatchkeyConfig } from "../config.ts";
import { onFirstCall } from "../on-first-call.ts";
import type { TableRef } from "../table/table-schema.ts";

type Send = (command: never) => Promise<unknown>;

/**
 * The DynamoDB client (dynamodbClient: bounded, failures counted), built, and the SDK's client module
 * loaded, when the first command is sent. The commands' own code is small; the client's (credentials,
 * the HTTP handler and Node's https) is most of what the SDK costs a cold start, which a request that
 * never reads the table (usernameless sign-in options) then does not pay.
 */
export function dynamodbClientOnFirstUse(
  config: Pick<LatchkeyConfig, "region" | "aws" | "dynamodbEndpoint">,
): TableRef["client"] {
  const { send } = onFirstCall(async (): Promise<{ send: Send }> => {
    const client = (await import("./dynamodb-client.ts")).dynamodbClient(config);
    return { send: (command) => client.send(command) };
  }, ["send"]);
  // One signature (command in, output out) stands in for the SDK's overloads; the code uses only it.
  return { send } as TableRef["client"];
}
