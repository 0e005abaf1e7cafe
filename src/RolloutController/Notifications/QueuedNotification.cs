using RolloutController.Policies;

namespace RolloutController.Notifications;

/// <summary>A notice waiting to be sent: the message as built when it was raised, and the policy's routes.</summary>
internal sealed record QueuedNotification(NotificationMessage Message, RolloutPolicy Policy);
