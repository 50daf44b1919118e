/**
 * A valid member sign-up, shared by the database tests, the e2e API spec and the API benchmark. It imports
 * nothing, so that Playwright and plain scripts can load it without the app's modules.
 */

/**
 * A member sign-up that the API, the book form's checks and `enrolMember` all accept: one valid person with
 * the given EPIC, on the given booth, with consent. Callers override what their test varies.
 */
export function memberBody(epic: string, boothCode: string) {
  return {
    epic,
    name: "सुनीता साहू",
    gender: "F" as const,
    age: 30,
    phone: "9876543210",
    address: "Ward 3",
    religion: "Hindu",
    caste: "Sahu",
    casteCategory: "OBC" as const,
    boothCode,
    consent: true as const,
    consentVersion: "v1",
  };
}
