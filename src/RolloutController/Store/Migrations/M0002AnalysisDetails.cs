namespace RolloutController.Store.Migrations;

/// <summary>
/// Canary analysis: segments excluded from a rollout and its consecutive inconclusive rounds (on <c>rollouts</c>), and the
/// numbers behind each measurement's verdict (<c>measurements.details</c>, JSON, null for plain thresholds and older rows).
/// </summary>
internal static class M0002AnalysisDetails
{
    public static Migration Migration { get; } = new(2, "analysis details and excluded segments", Sqlite, Postgres);

    private const string Sqlite =
        """
        ALTER TABLE rollouts ADD COLUMN excluded_segments TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE rollouts ADD COLUMN consecutive_inconclusive_rounds INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE measurements ADD COLUMN details TEXT NULL;
        """;

    private const string Postgres =
        """
        ALTER TABLE rollouts
            ADD COLUMN excluded_segments jsonb NOT NULL DEFAULT '[]'::jsonb,
            ADD COLUMN consecutive_inconclusive_rounds integer NOT NULL DEFAULT 0;
        ALTER TABLE measurements ADD COLUMN details jsonb NULL;
        """;
}
