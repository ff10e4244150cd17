import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * The handler modules that also run in the local stack, resolved through the workspace packages:
 * AWS runs exactly the code that was tested locally.
 */
export const handlerEntries = {
  api: require.resolve("@latchkey/api/lambda"),
  /** The api's handler factory, for an entry with email templates of the deployment's own. */
  apiHandler: require.resolve("@latchkey/api/lambda-handler"),
  admin: require.resolve("@latchkey/api/admin/lambda"),
  triggers: require.resolve("@latchkey/triggers/lambda"),
};
