"use client";

import { Loader2 } from "lucide-react";
import { GitHubMark } from "@/components/github-mark";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/form";

export function SignInForm({
  callbackUrl,
  github,
  dev,
  error,
}: {
  callbackUrl: string;
  github: boolean;
  dev: boolean;
  error?: string;
}) {
  const [pending, setPending] = useState<"github" | "dev" | null>(null);
  return (
    <Card className="p-6">
      <h1 className="text-lg font-semibold">Sign in to Signal Diff</h1>
      <p className="mt-1 text-sm text-zinc-600">
        Watch your sites for changes around every deploy.
      </p>
      {error ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-6 space-y-6">
        {github ? (
          <Button
            className="w-full"
            disabled={pending !== null}
            onClick={() => {
              setPending("github");
              void signIn("github", { callbackUrl });
            }}
          >
            {pending === "github" ? (
              <Loader2 className="size-4 animate-spin" aria-hidden />
            ) : (
              <GitHubMark className="size-4" />
            )}
            Continue with GitHub
          </Button>
        ) : (
          <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-600">
            GitHub sign-in is not configured on this server. Set{" "}
            <code className="font-mono">AUTH_GITHUB_ID</code> and{" "}
            <code className="font-mono">AUTH_GITHUB_SECRET</code> to enable it.
          </p>
        )}
        {dev ? (
          <form
            className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4"
            onSubmit={(e) => {
              e.preventDefault();
              const email = new FormData(e.currentTarget).get("email");
              setPending("dev");
              void signIn("dev", { email, callbackUrl });
            }}
          >
            <div>
              <p className="text-sm font-semibold text-amber-900">Development sign-in</p>
              <p className="text-xs text-amber-800">
                For local runs only: signs in as any email without a password. Disabled in
                production.
              </p>
            </div>
            <Field id="dev-email" label="Email">
              <Input
                id="dev-email"
                name="email"
                type="email"
                required
                autoComplete="email"
                placeholder="you@example.com"
              />
            </Field>
            <Button
              type="submit"
              variant="secondary"
              className="w-full"
              disabled={pending !== null}
            >
              {pending === "dev" ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
              Sign in with email (development)
            </Button>
          </form>
        ) : null}
        {!github && !dev ? (
          <p className="text-sm text-red-700">
            No sign-in method is configured. See the README’s configuration section.
          </p>
        ) : null}
      </div>
    </Card>
  );
}
