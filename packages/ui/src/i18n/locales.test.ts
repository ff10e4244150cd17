import { describe, expect, it } from "vitest";
import { locales, stringsFor } from "./locales.ts";

describe("stringsFor()", () => {
  it("takes the first language the kit has, by its primary subtag, else English; overrides win", () => {
    expect(Object.keys(locales).sort()).toEqual(["de", "en", "es", "fr", "ja"]);
    expect(stringsFor(["de-CH", "fr"]).lang).toBe("de");
    expect(stringsFor([undefined, "pt-BR", "ES"]).lang).toBe("es");
    expect(stringsFor(["pt"]).lang).toBe("en");
    expect(stringsFor(["ja"], { signInTitle: "ようこそ" })).toMatchObject({ lang: "ja", signInTitle: "ようこそ" });
  });

  it("words plurals and waits in each language", () => {
    expect(stringsFor(["en"]).codeWrong(1)).toBe("That code isn't right. 1 try left.");
    expect(stringsFor(["de"]).codeWrong(2)).toBe("Dieser Code stimmt nicht. Noch 2 Versuche.");
    expect(stringsFor(["fr"]).resendIn(65)).toBe("Vous pourrez demander un nouvel e-mail dans 1:05.");
    expect(stringsFor(["es"]).codeWrong(1)).toBe("Ese código no es correcto. Queda 1 intento.");
  });
});
