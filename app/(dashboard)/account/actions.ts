"use server";

import { revalidatePath } from "next/cache";
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
  // Every earlier session is now void; this browser signs in again with the new password.
  await signIn("password", { email: user.email, password: input.password, redirect: false });
  revalidatePath("/account");
  return { ok: true, message: changed ? "Password changed." : "Password set. You can now sign in with it." };
});
