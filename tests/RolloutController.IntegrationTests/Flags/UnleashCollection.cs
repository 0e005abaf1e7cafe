namespace RolloutController.IntegrationTests.Flags;

[CollectionDefinition(Name)]
public sealed class UnleashCollection : ICollectionFixture<UnleashFixture>
{
    public const string Name = "Unleash";
}
