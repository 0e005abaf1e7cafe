using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RolloutController.Store;
using RolloutController.Telemetry;

namespace RolloutController.Notifications.Alertmanager;

/// <summary>
/// Posts the firing alerts of open incidents again every <see cref="AlertmanagerOptions.RepostInterval"/>, as
/// Alertmanager expects of a client (an alert nobody re-posts ends). Works from stored state — the notices in the outbox —
/// so it goes on after a restart and on whichever replica is alive. One replica re-posts at a time: a round first claims
/// the incidents' outbox rows with the dispatcher's claim columns for half a period, and a replica that claims nothing
/// has nothing to do.
/// </summary>
/// <remarks>
/// A closing notice delivered while a round re-posts could be overtaken by the round's stale "firing" post; so after
/// posting, the round reads the incidents again and posts as ended any alert that ended meanwhile. The closing notice's
/// row exists from the transition on, before it is sent, so whichever post comes last says "ended".
/// </remarks>
internal sealed class AlertmanagerReposter(
    IOptions<NotificationOptions> options,
    NotificationRoutes routes,
    NotificationDispatcher dispatcher,
    AlertHistory history,
    IRolloutStore store,
    ControllerMetrics metrics,
    TimeProvider time,
    ILogger<AlertmanagerReposter> logger) : BackgroundService
{
    public const string Posted = "posted";
    public const string Failed = "failed";

    private static readonly IReadOnlyList<string> OpeningKinds = [.. AlertTimeline.OpeningKinds.Select(NotificationFormat.Snake)];

    private TimeSpan Interval => options.Value.Alertmanager.RepostInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hasChannel = options.Value.Routes.Values.Any(channels => channels.Any(c => c.Type == AlertmanagerChannel.ChannelType));
        if (!hasChannel) return;
        // Every post keeps an alert active for several periods: the first round can wait one, after the start-up's migration.
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await RepostAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round: claims, re-posts what fires, then ends what ended meanwhile. Returns the alerts re-posted.</summary>
    public async Task<int> RepostAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboxDelivery> claimed;
        try
        {
            claimed = await store.ClaimRepostsAsync(AlertmanagerChannel.ChannelType, OpeningKinds, dispatcher.Owner, time.GetUtcNow(), Interval / 2, cancellationToken);
        }
        catch (StoreException e)
        {
            AlertmanagerLog.StoreFailed(logger, e, Interval);
            return 0;
        }
        var reposted = 0;
        foreach (var incident in claimed.Select(d => (d.FlagKey, d.Route, d.Channel)).Distinct())
        {
            try
            {
                reposted += await RepostAsync(incident.FlagKey, incident.Route, incident.Channel, cancellationToken);
            }
            catch (StoreException e)
            {
                AlertmanagerLog.StoreFailed(logger, e, Interval);
            }
        }
        return reposted;
    }

    private async Task<int> RepostAsync(string flagKey, string route, string label, CancellationToken cancellationToken)
    {
        if (routes.Find(route, label)?.Channel is not AlertmanagerChannel channel)
        {
            AlertmanagerLog.ChannelGone(logger, flagKey, route, label);
            return 0;
        }
        var firing = AlertTimeline.Firing(await history.LoadAsync(flagKey, route, label, cancellationToken));
        if (firing.Count == 0) return 0;

        var now = time.GetUtcNow();
        var result = await channel.PostAsync([.. firing.Select(m => channel.Alert(m, null, now))], cancellationToken);
        var posted = result.Status == DeliveryStatus.Delivered;
        metrics.AlertmanagerReposts.Add(firing.Count,
            new KeyValuePair<string, object?>("route", route),
            new KeyValuePair<string, object?>("outcome", posted ? Posted : Failed));
        if (posted) AlertmanagerLog.Reposted(logger, firing.Count, flagKey, route, label);
        else AlertmanagerLog.RepostFailed(logger, firing.Count, flagKey, route, label, result.Error, Interval);

        var since = await history.LoadAsync(flagKey, route, label, cancellationToken);
        var ended = firing.Select(m => (Message: m, End: AlertTimeline.EndOf(m, since))).Where(x => x.End is not null).ToList();
        if (ended.Count > 0)
        {
            AlertmanagerLog.EndedMeanwhile(logger, flagKey, ended.Count, route, label);
            var end = await channel.PostAsync([.. ended.Select(x => channel.Alert(x.Message, x.End, now))], cancellationToken);
            // Not posted: the alerts stop being re-posted, so Alertmanager ends them within four periods by itself.
            if (end.Status != DeliveryStatus.Delivered)
                AlertmanagerLog.RepostFailed(logger, ended.Count, flagKey, route, label, end.Error, Interval);
        }
        return posted ? firing.Count : 0;
    }
}
