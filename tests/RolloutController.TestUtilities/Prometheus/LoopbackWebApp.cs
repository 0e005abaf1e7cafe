using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RolloutController.TestUtilities.Prometheus;

/// <summary>Starts a minimal Kestrel app on 127.0.0.1 with a port the OS picks and reports its base address.</summary>
public static class LoopbackWebApp
{
    public static async Task<(WebApplication App, Uri BaseUri)> StartAsync(
        Action<WebApplication> map, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
    }

    /// <summary>Stops the app, giving open requests (a scripted slow answer) at most a few seconds.</summary>
    public static async Task StopAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }
}
