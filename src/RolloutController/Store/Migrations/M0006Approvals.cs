namespace RolloutController.Store.Migrations;

/// <summary>
/// Approvals and manual gates (on <c>rollouts</c>): the sign-offs of the current stage (JSON), who last resumed or
/// restarted the rollout (they may not approve it), and the stage whose approvers were last asked.
/// </summary>
internal static class M0006Approvals
{
    public static Migration Migration { get; } = new(6, "approvals", Sqlite, Postgres);

    private const string Sqlite =
        """
        ALTER TABLE rollouts ADD COLUMN approvals TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE rollouts ADD COLUMN resumed_by TEXT NULL;
        ALTER TABLE rollouts ADD COLUMN approval_requested_stage INTEGER NOT NULL DEFAULT -1;
        """;

    private const string Postgres =
        """
        ALTER TABLE rollouts
            ADD COLUMN approvals jsonb NOT NULL DEFAULT '[]'::jsonb,
            ADD COLUMN resumed_by text NULL,
            ADD COLUMN approval_requested_stage integer NOT NULL DEFAULT -1;
        """;
}
