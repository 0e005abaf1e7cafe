namespace RolloutController.Store.Migrations;

/// <summary>Every migration of the store, in the order they are applied. Append new ones at the end.</summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        M0001InitialSchema.Migration,
        M0002AnalysisDetails.Migration,
        M0003Outbox.Migration,
        M0004AuditLog.Migration,
        M0005FlagSwitches.Migration,
        M0006Approvals.Migration,
        M0007ChangeNotifications.Migration,
        M0008ReviewReminders.Migration,
        M0009FreezeOverrides.Migration,
    ];
}
