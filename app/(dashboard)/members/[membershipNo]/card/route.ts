import { cardHandler } from "@/app/(dashboard)/members/[membershipNo]/card/handler";

/** The membership card as a PDF (ID-card size); who may fetch it: see the handler. */
export const GET = cardHandler("pdf");
