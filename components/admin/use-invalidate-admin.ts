// After any administration change: people and teams are read again (a membership shows in both lists).
import { useQueryClient } from "@tanstack/react-query";
import { adminKeys } from "@/lib/query/admin";

export function useInvalidateAdmin() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: adminKeys.users }), queryClient.invalidateQueries({ queryKey: adminKeys.teams })]);
}
