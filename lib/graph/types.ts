/** The signed-in administrator's profile, as /me answers. */
export interface GraphProfile {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
}
