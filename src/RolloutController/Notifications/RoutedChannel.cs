namespace RolloutController.Notifications;

/// <summary>A channel as configured under a route.</summary>
/// <param name="Label">"webhook[0]": type and position in the route, as recorded with each attempt (never the URL).</param>
internal sealed record RoutedChannel(string Route, string Label, INotificationChannel Channel);
