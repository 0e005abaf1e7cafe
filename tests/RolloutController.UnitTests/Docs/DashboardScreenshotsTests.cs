using RolloutController.TestUtilities.Processes;

namespace RolloutController.UnitTests.Docs;

/// <summary>
/// The README and docs/dashboard.md show the dashboard's main pages as the end-to-end tier photographs them
/// (<c>UPDATE_SCREENSHOTS=1</c> on <c>DashboardLiveScenarioTests</c>): each picture they name is committed.
/// </summary>
public sealed class DashboardScreenshotsTests
{
    private static readonly string[] Pages = ["dashboard-rollout.png", "dashboard-overview.png", "dashboard-review.png"];

    [Fact]
    public void The_readme_shows_every_main_page_and_each_picture_is_committed()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));
        foreach (var page in Pages)
        {
            readme.ShouldContain($"(docs/images/{page})");
            new FileInfo(Path.Combine(RepositoryLayout.Root, "docs", "images", page)).Length.ShouldBeGreaterThan(10_000, page);
        }
        File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "dashboard.md")).ShouldContain("UPDATE_SCREENSHOTS=1");
    }
}
