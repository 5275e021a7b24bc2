import { createContext, useContext } from "react";
import type { Me } from "./types.js";

/** The signed-in user and a way to update the profile after an edit. */
export interface UserContextValue {
  me: Me;
  setMe: (me: Me) => void;
}

/** Provided by the app once signed in. */
export const UserContext = createContext<UserContextValue | null>(null);

/** The signed-in user (inside the signed-in app only). */
export function useMe(): UserContextValue {
  const value = useContext(UserContext);
  if (!value) throw new Error("useMe outside the signed-in app");
  return value;
}
