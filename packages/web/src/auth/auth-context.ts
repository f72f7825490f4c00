import { createContext, useContext } from 'react';
import type { User } from '../api/types';

export interface AuthState {
  user: User;
  logout: () => Promise<void>;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside the signed-in app');
  return state;
}

export function canEdit(user: User): boolean {
  return user.role === 'admin' || user.role === 'editor';
}
