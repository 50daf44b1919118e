"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/auth";

/*
 * Signing in and out are the server actions that are not a defineAction. Signing in runs before there is a
 * viewer (so there is no permission to check), its failures are Auth.js's, and its success is a redirect
 * thrown by signIn. Signing out acts only on the caller's own session and takes no input.
 */

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
  // The limits are checked inside authorize() (auth.ts), which every way of signing in passes through.
  try {
    await signIn("credentials", { email, password, redirectTo: safeNext(next) });
  } catch (err) {
    // signIn redirects by throwing; only Auth.js's own errors mean "wrong credentials".
    if (err instanceof CredentialsSignin && err.code === "throttled") return { error: "tooMany", email };
    if (err instanceof AuthError) return { error: "invalid", email };
    throw err;
  }
  return {};
}

/** Signs the caller out: ends their own server-side session only, and takes no input. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
