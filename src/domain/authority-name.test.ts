import { describe, expect, it } from "vitest";
import { displayName, normaliseAuthorityName } from "./authority-name.js";

describe("authority names", () => {
  it("treats capitals, abbreviations, punctuation and a leading 'The' as the same name", () => {
    const kent = normaliseAuthorityName("Kent County Council");
    expect(normaliseAuthorityName("KENT COUNTY COUNCIL")).toBe(kent);
    expect(normaliseAuthorityName("Kent CC")).toBe(kent);
    expect(normaliseAuthorityName("  The Kent County Council. ")).toBe(kent);
    expect(normaliseAuthorityName("Brighton & Hove City Council")).toBe(normaliseAuthorityName("Brighton and Hove City Council"));
    expect(normaliseAuthorityName("Kent County Council")).not.toBe(normaliseAuthorityName("Kent Borough Council"));
  });

  it("writes names printed in capitals as a person would", () => {
    expect(displayName("KENT COUNTY COUNCIL")).toBe("Kent County Council");
    expect(displayName("ROYAL BOROUGH OF KINGSTON UPON THAMES")).toBe("Royal Borough of Kingston upon Thames");
    expect(displayName("STOCKTON-ON-TEES BOROUGH COUNCIL")).toBe("Stockton-on-Tees Borough Council");
    expect(displayName("THE BOROUGH OF MCKENZIE")).toBe("The Borough of McKenzie");
    // Names already in mixed case are the council's own spelling and are kept.
    expect(displayName("Newcastle-under-Lyme Borough Council")).toBe("Newcastle-under-Lyme Borough Council");
    expect(displayName("  Kent   County Council ")).toBe("Kent County Council");
  });
});
