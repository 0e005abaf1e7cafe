namespace RolloutController.IntegrationTests.Api;

/// <summary>Tests that run the whole controller against one shared Prometheus; run one at a time so rounds stay on time.</summary>
[CollectionDefinition(Name)]
public sealed class ControllerCollection : ICollectionFixture<GuardrailMetricsFixture>
{
    public const string Name = "Controller";
}
