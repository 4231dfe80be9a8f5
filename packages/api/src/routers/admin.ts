import { AdminSetRoleInput, AdminUsersListInput } from "@sous/schemas";
import { adminProcedure } from "../procedures.js";
import { router } from "../trpc.js";

export const adminRouter = router({
  users: router({
    /** Newest accounts first; `nextCursor` is null on the last page. */
    list: adminProcedure
      .input(AdminUsersListInput)
      .query(({ ctx, input }) => ctx.services.admin.listUsers(ctx.principal.userId, input)),

    setRole: adminProcedure
      .input(AdminSetRoleInput)
      .mutation(({ ctx, input }) => ctx.services.admin.setRole(ctx.principal.userId, input)),
  }),
});
