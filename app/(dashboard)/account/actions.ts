"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { userAction } from "@/app/_lib/action";
import { signIn } from "@/app/_lib/auth";
import { setPassword, setPasswordSchema } from "@/lib/auth/set-password";
import { profileSchema, updateProfile } from "@/lib/auth/update-profile";

export const updateProfileAction = userAction(profileSchema, async (input, user) => {
  await updateProfile(user.id, input);
  revalidatePath("/", "layout");
  return { ok: true, message: "Profile saved." };
});

export const setPasswordAction = userAction(setPasswordSchema, async (input, user) => {
  const { changed } = await setPassword(user.id, input);
  // Every earlier session is now void; this browser signs in again with the new password. A new
  // session cookie reloads the page, so the outcome travels in the URL rather than the form state.
  await signIn("password", { email: user.email, password: input.password, redirect: false });
  redirect(`/account?password=${changed ? "changed" : "set"}`);
});
