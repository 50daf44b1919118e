import { cardHandler } from "@/app/(dashboard)/members/[membershipNo]/card/handler";

/** The membership card as a PNG for phones; the same access rules as the PDF. */
export const GET = cardHandler("png");
