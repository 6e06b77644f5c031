// Who is signed in, what the account may do and the statuses' graph, as GET /api/v1/session says.
import { createContext, useContext } from 'react';
import type { Role, Status } from './api.ts';

export interface Session {
  user: { id: number; name: string; role: Role; roleName: string };
  csrf: string | null;
  may: string[];
  /** Each role's Chinese name. */
  roles: Record<Role, string>;
  statuses: Record<Status, string>;
  transitions: Record<Status, Status[]>;
}

export const SessionContext = createContext<{ session: Session | null; refresh: () => Promise<void> }>({ session: null, refresh: async () => {} });
export const useSession = () => useContext(SessionContext);

/** The statuses a report may be moved to by this account (submit needs report.submit, the rest report.review). */
export function actionsFor(s: Session, status: Status): Status[] {
  return (s.transitions[status] ?? []).filter((to) => s.may.includes(to === 'submitted' ? 'report.submit' : 'report.review'));
}
