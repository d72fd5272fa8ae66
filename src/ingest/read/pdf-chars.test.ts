import { describe, expect, it } from "vitest";
import { mendLigatures } from "./pdf.js";

describe("mendLigatures", () => {
  it("restores Word's Calibri 'ti' and 'tt' ligatures inside words only", () => {
    expect(mendLigatures("IntroducƟons and ElecƟon of oﬃcers; aƩendance")).toBe("Introductions and Election of oﬃcers; attendance");
    expect(mendLigatures("Ɵ alone stays")).toBe("Ɵ alone stays");
  });
});
