using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Routing;
using RolloutController.Flags;
using RolloutController.Flags.Changes;
using RolloutController.Ofrep;
using RolloutController.Telemetry;

namespace RolloutController.IntegrationTests.Ofrep;

/// <summary>A real Kestrel host on a free 127.0.0.1 port serving <c>MapOfrep()</c> over the given catalog
/// (and its event stream, given a change feed).</summary>
internal sealed class OfrepServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OfrepServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="catalog">What is served.</param>
    /// <param name="changes">The change feed the event stream reads; without one, no stream is served or advertised.</param>
    /// <param name="configure">Extra services (options) before the host is built.</param>
    /// <param name="map">Extra endpoints, or conventions on the OFREP group, after <c>MapOfrep()</c>.</param>
    public static async Task<OfrepServer> StartAsync(IFlagCatalog catalog, IFlagChangeFeed? changes = null,
        Action<IServiceCollection>? configure = null, Action<WebApplication, RouteGroupBuilder>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ControllerMetrics>();
        builder.Services.AddSingleton(catalog);
        if (changes is not null) builder.Services.AddSingleton(changes);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        var group = app.MapOfrep();
        map?.Invoke(app, group);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new OfrepServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
