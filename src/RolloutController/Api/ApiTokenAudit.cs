using Microsoft.Extensions.Options;

namespace RolloutController.Api;

/// <summary>
/// Warns at start-up about every API token without a role. Such a token is valid (it may stand for someone who will get
/// a role later) but can do nothing that needs one, which is rarely what was meant.
/// </summary>
internal sealed class ApiTokenAudit(IOptions<ApiOptions> options, ILogger<ApiTokenAudit> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var tokens = options.Value.Tokens;
        for (var i = 0; i < tokens.Count; i++)
            if (tokens[i].Grants.Count == 0)
                ApiLog.TokenWithoutRoles(logger, tokens[i].Name, $"{ApiOptions.Section}:Tokens:{i}");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
