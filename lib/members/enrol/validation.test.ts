import { describe, expect, it } from "vitest";
import { isValidEpic, normaliseEpic, normalisePhone } from "@/lib/validation/identity";
import { ApiMember, BookMember, decodePhoto } from "@/lib/members/enrol/validation";

const valid = {
  epic: " abc 1234567 ",
  name: "रमेश   साहू",
  gender: "M",
  age: 34,
  phone: "+91 98765 43210",
  address: "House 12, Ward 5",
  religion: "Hindu",
  caste: "Sahu",
  casteCategory: "OBC",
  boothCode: "049-123",
  consent: true,
  consentVersion: "v1",
};
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]).toString("base64");

function errors(body: unknown) {
  const r = ApiMember.safeParse(body);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join(".") || "_", i.message]));
}

describe("member validation", () => {
  it("normalises EPIC, phone and spacing", () => {
    const r = ApiMember.parse(valid);
    expect(r).toMatchObject({ epic: "ABC1234567", phone: "9876543210", name: "रमेश साहू" });
  });
  it("accepts the standard and the older EPIC formats only", () => {
    expect(isValidEpic("ABC1234567")).toBe(true);
    expect(isValidEpic("CG/12/123/123456")).toBe(true);
    for (const bad of ["AB1234567", "ABC123456", "ABC12345678", "1231234567", "ABC-1234567", "' OR 1=1 --"]) {
      expect(isValidEpic(normaliseEpic(bad)), bad).toBe(false);
    }
  });
  it("normalises Indian mobile prefixes", () => {
    expect(normalisePhone("09876543210")).toBe("9876543210");
    expect(normalisePhone("919876543210")).toBe("9876543210");
  });
  it("reports each bad field with a catalog key", () => {
    expect(
      errors({ ...valid, epic: "XX", age: 17, phone: "12345", casteCategory: "X", boothCode: "49-1", consent: false, name: " " }),
    ).toEqual({
      epic: "members.invalid.epic",
      age: "members.invalid.age",
      phone: "members.invalid.phone",
      casteCategory: "members.invalid.casteCategory",
      boothCode: "members.invalid.boothCode",
      consent: "members.invalid.consent",
      name: "members.invalid.name",
    });
  });
  it("refuses wrong types, unknown fields and control characters", () => {
    expect(errors({ ...valid, age: "34" })).toEqual({ age: "members.invalid.age" });
    expect(errors({ ...valid, age: 34.5 })).toEqual({ age: "members.invalid.age" });
    expect(errors({ ...valid, admin: true })).toEqual({ _: "members.invalid.unknownField" });
    // NUL is ill-formed text, refused with the message that says why.
    expect(errors({ ...valid, name: "a\u0000b" })).toEqual({ name: "text.illFormed" });
    expect(errors({ ...valid, name: "x".repeat(101) })).toEqual({ name: "members.invalid.nameLong" });
    expect(errors({ ...valid, address: 12 })).toEqual({ address: "members.invalid.address" });
  });
  it("takes a JPEG photo under 200 KB and nothing else", () => {
    expect(ApiMember.parse({ ...valid, photo: jpeg }).photo).toBeInstanceOf(Uint8Array);
    expect(errors({ ...valid, photo: Buffer.from("GIF89a....").toString("base64") })).toEqual({ photo: "members.invalid.photo" });
    expect(errors({ ...valid, photo: "not base64!" })).toEqual({ photo: "members.invalid.photo" });
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(201 * 1024)]).toString("base64");
    expect(errors({ ...valid, photo: big })).toEqual({ photo: "members.invalid.photoLarge" });
    expect(decodePhoto(`data:image/jpeg;base64,${jpeg}`)).not.toBeNull();
  });
  it("reads the book form's text fields", () => {
    const r = BookMember.parse({ ...valid, age: "41", consent: "on", bookNo: "B049-12", pageNo: "7" });
    expect(r).toMatchObject({ age: 41, pageNo: 7, bookNo: "B049-12" });
    expect(BookMember.safeParse({ ...valid, consent: "on", bookNo: "", pageNo: "0" }).success).toBe(false);
  });
});

describe("ill-formed text", () => {
  it("refuses a lone surrogate or NUL in any text field with its own message, and keeps an emoji", () => {
    expect(errors({ ...valid, name: "Ra\ud800mesh" })).toEqual({ name: "text.illFormed" });
    expect(errors({ ...valid, address: "Ward\u00003" })).toEqual({ address: "text.illFormed" });
    expect(errors({ ...valid, relativeName: "\udc00" })).toEqual({ relativeName: "text.illFormed" });
    expect(errors({ ...valid, caste: JSON.parse('"Sa\\ud83dhu"') as string })).toEqual({ caste: "text.illFormed" });
    expect(ApiMember.safeParse({ ...valid, address: "Ward 5 \ud83d\ude00" }).success).toBe(true);
  });
});
