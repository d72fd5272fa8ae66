import { describe, expect, it } from "vitest";
import { fromCapitals } from "./capitals.js";

describe("fromCapitals", () => {
  it("turns a name printed in capitals into title case, small words lower", () => {
    expect(fromCapitals("NETHERBY COUNTY COUNCIL")).toBe("Netherby County Council");
    expect(fromCapitals("ASHWELL-CUM-BROOK PARISH COUNCIL")).toBe("Ashwell-cum-Brook Parish Council");
    expect(fromCapitals("THE BOARD OF THE FENLAND MCA")).toBe("The Board of the Fenland MCA");
    expect(fromCapitals("CABINET")).toBe("Cabinet");
  });
  it("leaves mixed case as printed", () => {
    expect(fromCapitals("Ashwell-cum-Brook Parish Council")).toBe("Ashwell-cum-Brook Parish Council");
    expect(fromCapitals("Overview and Scrutiny Committee (OSC)")).toBe("Overview and Scrutiny Committee (OSC)");
  });
});
