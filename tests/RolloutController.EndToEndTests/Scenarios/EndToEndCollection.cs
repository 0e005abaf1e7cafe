namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>Scenarios run one at a time: each starts a controller, a service at 300 req/s and Prometheus on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
