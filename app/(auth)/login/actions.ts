"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { signIn } from "@/auth";
import { loginThrottle } from "@/lib/auth/throttle";

export interface LoginState {
  error?: "invalid" | "tooMany";
  email?: string;
}

const LoginForm = z.object({
  email: z.string().trim().max(200),
  password: z.string().max(200),
  next: z.string().max(500).optional(),
});

/** Only same-site paths may follow a sign-in (no open redirect). */
function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export async function login(_prev: LoginState, form: FormData): Promise<LoginState> {
  const parsed = LoginForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: "invalid" };
  const { email, password, next } = parsed.data;
  const ip = (await headers()).get("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
  if (!loginThrottle.allow(`${ip}|${email.toLowerCase()}`)) return { error: "tooMany", email };
  try {
    await signIn("credentials", { email, password, redirectTo: safeNext(next) });
  } catch (err) {
    // signIn redirects by throwing; only Auth.js's own errors mean "wrong credentials".
    if (err instanceof AuthError) return { error: "invalid", email };
    throw err;
  }
  return {};
}
