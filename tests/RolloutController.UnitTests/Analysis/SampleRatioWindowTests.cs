using RolloutController.Analysis;

namespace RolloutController.UnitTests.Analysis;

public sealed class SampleRatioWindowTests
{
    [Theory]
    [InlineData(75, 0, 75)]
    [InlineData(75, 15, 60)]
    [InlineData(3600, 15, 3585)]
    public void Counts_the_stage_less_the_SDKs_refresh(int ageSeconds, int refreshSeconds, int countedSeconds) =>
        SampleRatioWindow.Counted(TimeSpan.FromSeconds(ageSeconds), TimeSpan.FromSeconds(refreshSeconds))
            .ShouldBe(TimeSpan.FromSeconds(countedSeconds));

    [Theory]
    [InlineData(0, 15)]
    [InlineData(10, 15)]
    [InlineData(15, 15)]
    public void Counts_nothing_while_the_SDKs_may_still_serve_the_previous_stage(int ageSeconds, int refreshSeconds) =>
        SampleRatioWindow.Counted(TimeSpan.FromSeconds(ageSeconds), TimeSpan.FromSeconds(refreshSeconds)).ShouldBeNull();
}
