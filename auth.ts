import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authConfig } from "./auth.config";
import { verifyPassword } from "./lib/auth/credentials";

const Login = z.object({ email: z.string().trim().toLowerCase().email().max(200), password: z.string().min(1).max(200) });

/** One message for a wrong email and a wrong password alike: the form must not tell which part was wrong. */
class InvalidLogin extends CredentialsSignin {
  code = "invalid_login";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = Login.safeParse(raw);
        if (!parsed.success) throw new InvalidLogin();
        const userId = await verifyPassword(parsed.data.email, parsed.data.password);
        if (userId === null) throw new InvalidLogin();
        return { id: String(userId) };
      },
    }),
  ],
});
