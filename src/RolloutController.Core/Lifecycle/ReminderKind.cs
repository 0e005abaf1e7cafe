namespace RolloutController.Lifecycle;

/// <summary>What a lifecycle reminder asks of a flag's owner.</summary>
internal enum ReminderKind
{
    /// <summary>The flag's review date has come: decide delete, extend or promote-to-ops.</summary>
    ReviewDue,

    /// <summary>A release flag (or an experiment) has served past its lifetime: remove it from code.</summary>
    RemoveFromCode,
}
