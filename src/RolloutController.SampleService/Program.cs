using Prometheus;
using RolloutController.SampleService;

var builder = WebApplication.CreateSlimBuilder(args);
var settings = SampleSettings.From(builder.Configuration);
builder.WebHost.UseUrls(settings.Urls);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<CohortMetrics>();
builder.Services.AddSingleton<LastKnownGood>();
builder.Services.AddSingleton<FlagSourceMetrics>();
builder.Services.AddSingleton<FaultSwitch>();
builder.Services.AddSingleton<NotificationInbox>();
// A short timeout: a request must not wait long on the controller, it falls back to the last known answer instead.
builder.Services.AddHttpClient<OfrepFlagClient>(c => (c.BaseAddress, c.Timeout) = (settings.Ofrep, TimeSpan.FromSeconds(2)));
builder.Services.AddHostedService<TrafficGenerator>();

var app = builder.Build();
app.MapMetrics(settings => settings.Registry = app.Services.GetRequiredService<CohortMetrics>().Registry);
app.MapGet("/fault", (FaultSwitch fault) => Results.Ok(new { errorRate = fault.OnErrorRate }));
app.MapPost("/fault", (FaultRequest request, FaultSwitch fault) =>
{
    if (request.ErrorRate is < 0 or > 1) return Results.BadRequest(new { error = "errorRate must be between 0 and 1" });
    fault.OnErrorRate = request.ErrorRate;
    return Results.Ok(new { errorRate = fault.OnErrorRate });
});
app.MapPost("/notifications", (HttpRequest request, NotificationInbox inbox) => inbox.ReceiveAsync(request));
app.MapGet("/notifications", (NotificationInbox inbox) => Results.Ok(inbox.Received));
app.Run();
