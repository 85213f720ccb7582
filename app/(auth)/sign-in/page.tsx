import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { devLoginEnabled, githubOAuthEnv } from "@/lib/env";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Enter a valid email address.",
  OAuthCallback: "GitHub sign-in did not complete. Please try again.",
  OAuthSignin: "Could not start GitHub sign-in. Please try again.",
  OAuthAccountNotLinked: "That email already belongs to an account that signs in another way.",
  AccessDenied: "Access was denied.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const error = params.error
    ? (ERRORS[params.error] ?? "Sign-in failed. Please try again.")
    : undefined;
  return (
    <SignInForm
      callbackUrl={callbackUrl}
      github={githubOAuthEnv() !== null}
      dev={devLoginEnabled()}
      error={error}
    />
  );
}
