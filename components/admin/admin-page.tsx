"use client";
// Administration: people (create, make or unmake admin), teams (create) and memberships (add, change role, remove),
// and the organisation's provisioning settings.
import { useQuery } from "@tanstack/react-query";
import { meQuery } from "@/lib/query/me";
import { AdminForbidden } from "./admin-forbidden";
import { CreateTeamForm } from "./create-team-form";
import { CreateUserForm } from "./create-user-form";
import { ProvisioningSettings } from "./provisioning-settings";
import { TeamList } from "./team-list";
import { UserList } from "./user-list";

export function AdminPage() {
  const me = useQuery(meQuery());
  if (me.data && !me.data.isAdmin) return <AdminForbidden />;
  return (
    <div className="stack">
      <div className="two-col">
        <UserList />
        <CreateUserForm />
      </div>
      <div className="two-col">
        <TeamList />
        <CreateTeamForm />
      </div>
      <ProvisioningSettings />
    </div>
  );
}
