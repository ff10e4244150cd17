import type { Passkey } from "@latchkey/client";
import type { SignInMethod } from "@latchkey/protocol";
import { describe, expectTypeOf, it } from "vitest";
import type { PasskeyManagerElement, PasskeyOfferElement, SignInElement } from "./index.ts";

describe("the elements' types, for TypeScript apps", () => {
  it("name each tag's class, so querySelector and createElement know its strings", () => {
    expectTypeOf<HTMLElementTagNameMap["latchkey-sign-in"]>().toEqualTypeOf<SignInElement>();
    expectTypeOf<HTMLElementTagNameMap["latchkey-passkeys"]>().toEqualTypeOf<PasskeyManagerElement>();
    expectTypeOf<HTMLElementTagNameMap["latchkey-passkey-offer"]["strings"]>().toHaveProperty("offerTitle");
  });

  it("type each event's detail", () => {
    expectTypeOf<HTMLElementEventMap["latchkey-signed-in"]["detail"]>().toEqualTypeOf<{ method: SignInMethod }>();
    expectTypeOf<HTMLElementEventMap["latchkey-passkey-added"]["detail"]>().toEqualTypeOf<Passkey>();
    expectTypeOf<PasskeyOfferElement["addEventListener"]>().toBeFunction();
  });
});
