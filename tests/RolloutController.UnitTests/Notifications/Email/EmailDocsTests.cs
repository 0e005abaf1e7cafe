using RolloutController.TestUtilities.Processes;

namespace RolloutController.UnitTests.Notifications.Email;

/// <summary>The e-mail shown in docs/notifications.md is the committed rendering, so the page never shows an old one.</summary>
public sealed class EmailDocsTests
{
    [Fact]
    public void The_documented_email_is_the_golden_rendering()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "notifications.md")).ReplaceLineEndings("\n");
        var golden = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "tests", "RolloutController.UnitTests", "Golden", "email-rollback.txt"))
            .ReplaceLineEndings("\n");

        var start = docs.IndexOf("<!-- email-rollback:begin -->\n```text\n", StringComparison.Ordinal);
        var end = docs.IndexOf("```\n<!-- email-rollback:end -->", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "docs/notifications.md has no email-rollback block");
        docs[(start + "<!-- email-rollback:begin -->\n```text\n".Length)..end].ShouldBe(golden,
            "docs/notifications.md shows another e-mail than Golden/email-rollback.txt; copy the file into the block");
    }
}
