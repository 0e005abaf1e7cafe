namespace RolloutController.Lifecycle;

/// <summary>
/// The last reminder of one kind sent for a flag, as stored: the date it was about, when it was sent, and how many of
/// that kind were sent so far (the row's version: a replica stores the next one only over the one it decided on).
/// </summary>
/// <param name="Due">The review date (<see cref="ReminderKind.ReviewDue"/>) or the removal date (<see cref="ReminderKind.RemoveFromCode"/>).</param>
/// <param name="Sent">Reminders of this kind sent for the flag so far, this one included (1 for the first).</param>
internal sealed record ReviewReminder(string FlagKey, ReminderKind Kind, DateOnly Due, DateTimeOffset SentAt, long Sent);
