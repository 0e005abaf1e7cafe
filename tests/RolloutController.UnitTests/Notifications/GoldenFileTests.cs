using RolloutController.TestUtilities.Golden;
using Xunit.Sdk;

namespace RolloutController.UnitTests.Notifications;

public sealed class GoldenFileTests : IDisposable
{
    private const string Command = "UPDATE_GOLDEN=1 dotnet test tests/X";
    private readonly string _directory = Directory.CreateTempSubdirectory("golden-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_difference_fails_with_the_changed_lines_and_the_command_that_updates_the_file()
    {
        var path = Path.Combine(_directory, "payload.json");
        File.WriteAllText(path, "{\n  \"schema\": \"v1\",\n  \"id\": \"a\"\n}\n");

        var error = Should.Throw<XunitException>(() => GoldenFile.Check("{\r\n  \"schema\": \"v2\",\r\n  \"id\": \"a\"\r\n}", path, update: false, Command));

        error.Message.ShouldContain("(- golden, + actual)");
        error.Message.ShouldContain("-   \"schema\": \"v1\",");
        error.Message.ShouldContain("+   \"schema\": \"v2\",");
        error.Message.ShouldEndWith("update the file with:" + Environment.NewLine + "  " + Command);
    }

    [Fact]
    public void Equal_text_passes_whatever_the_line_endings()
    {
        var path = Path.Combine(_directory, "same.txt");
        File.WriteAllText(path, "a\nb\n");

        GoldenFile.Check("a\r\nb", path, update: false, Command);
    }

    [Fact]
    public void A_missing_file_fails_naming_the_command_that_creates_it() =>
        Should.Throw<XunitException>(() => GoldenFile.Check("x", Path.Combine(_directory, "none.txt"), update: false, Command)).Message
            .ShouldContain("does not exist; create it with:" + Environment.NewLine + "  " + Command);

    [Fact]
    public void Update_writes_the_file()
    {
        var path = Path.Combine(_directory, "sub", "new.txt");

        GoldenFile.Check("x\r\ny", path, update: true, Command);

        File.ReadAllText(path).ShouldBe("x\ny\n");
    }

    [Fact]
    public void The_diff_shows_only_changed_lines_with_context()
    {
        var diff = LineDiff.Render("a\nb\nc\nd\ne\nf\ng\nh", "a\nb\nc\nd\nE\nf\ng\nh");

        diff.ShouldBe("  …\n  c\n  d\n- e\n+ E\n  f\n  g\n  …\n".ReplaceLineEndings());
    }
}
