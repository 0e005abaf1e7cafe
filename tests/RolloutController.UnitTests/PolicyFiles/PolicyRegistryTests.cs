using Microsoft.Extensions.Time.Testing;
using RolloutController.Policies;
using RolloutController.TestUtilities.Fuzzing;
using RolloutController.TestUtilities.Time;
using RolloutController.PolicyFiles;
using RolloutController.UnitTests.Policies;

namespace RolloutController.UnitTests.PolicyFiles;

public sealed class PolicyRegistryTests
{
    private readonly FakeTimeProvider _time = TestClock.New();
    private readonly PolicyRegistry _registry;
    private int _changes;

    public PolicyRegistryTests()
    {
        _registry = new PolicyRegistry(_time);
        _registry.Changed += (_, _) => _changes++;
    }

    private static string Policy(string name, string holdOfSecondStage = "48h") =>
        PolicyYaml.Valid.Replace("new-checkout", name, StringComparison.Ordinal).Replace("hold: 48h", $"hold: {holdOfSecondStage}", StringComparison.Ordinal);

    private static PolicyDirectorySnapshot Directory(params (string Path, string Text)[] files) =>
        new("policies", true, files.Select(f => new PolicySourceFile(f.Path, f.Text)).ToList(), []);

    [Fact]
    public void Starts_empty_and_applies_a_valid_directory()
    {
        _registry.Current.ShouldBeEmpty();
        _registry.LastLoadedAt.ShouldBeNull();

        var result = _registry.Apply(Directory(("a.yaml", Policy("a")), ("b.yaml", Policy("b"))));

        result.ShouldBe(new PolicyReloadResult(Valid: true, Changed: true, Policies: 2, InvalidFiles: 0));
        _registry.Current.Select(p => p.Flag.Key).ShouldBe(["a", "b"]);
        _registry.Find("b")!.Source.ShouldBe("b.yaml");
        _registry.Errors.ShouldBeEmpty();
        _registry.LastLoadedAt.ShouldBe(_time.GetUtcNow());
        _changes.ShouldBe(1);
    }

    [Fact]
    public void An_invalid_file_keeps_its_previous_version_and_its_errors_until_fixed()
    {
        _registry.Apply(Directory(("a.yaml", Policy("a")), ("b.yaml", Policy("b"))));
        var before = _registry.Find("a")!;

        var broken = _registry.Apply(Directory(("a.yaml", Policy("a", "forever")), ("b.yaml", Policy("b", "1h"))));

        broken.ShouldBe(new PolicyReloadResult(Valid: false, Changed: true, Policies: 2, InvalidFiles: 1));
        _registry.Find("a")!.Revision.ShouldBe(before.Revision);
        _registry.Find("b")!.Stages[1].Hold.ShouldBe(TimeSpan.FromHours(1));
        _registry.Errors.Keys.ShouldBe(["a.yaml"]);
        _registry.Errors["a.yaml"].Single().Path.ShouldBe("spec.stages[1].hold");

        _registry.Apply(Directory(("a.yaml", Policy("a", "2h")), ("b.yaml", Policy("b", "1h")))).Valid.ShouldBeTrue();
        _registry.Find("a")!.Stages[1].Hold.ShouldBe(TimeSpan.FromHours(2));
        _registry.Errors.ShouldBeEmpty();
        _changes.ShouldBe(3);
    }

    [Fact]
    public void A_new_invalid_file_adds_nothing()
    {
        _registry.Apply(Directory(("a.yaml", Policy("a")), ("c.yaml", "kind: nope\n"))).Valid.ShouldBeFalse();

        _registry.Current.ShouldHaveSingleItem().Flag.Key.ShouldBe("a");
        _registry.Errors.Keys.ShouldBe(["c.yaml"]);
    }

    [Fact]
    public void Deleting_a_file_removes_its_policies()
    {
        _registry.Apply(Directory(("a.yaml", Policy("a")), ("b.yaml", Policy("b"))));

        _registry.Apply(Directory(("b.yaml", Policy("b")))).Changed.ShouldBeTrue();

        _registry.Current.ShouldHaveSingleItem().Flag.Key.ShouldBe("b");
    }

    [Fact]
    public void An_unchanged_reload_raises_no_event()
    {
        _registry.Apply(Directory(("a.yaml", Policy("a"))));
        _time.Advance(TimeSpan.FromSeconds(30));

        _registry.Apply(Directory(("a.yaml", Policy("a")))).Changed.ShouldBeFalse();

        _changes.ShouldBe(1);
        _registry.LastLoadedAt.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public void A_new_file_colliding_with_a_kept_previous_version_is_rejected()
    {
        _registry.Apply(Directory(("a.yaml", Policy("a"))));

        // a.yaml breaks (its old version stays) and b.yaml, otherwise valid, claims a's flag key.
        var b = Policy("b").Replace("key: b", "key: a", StringComparison.Ordinal);
        _registry.Apply(Directory(("a.yaml", "broken: [\n"), ("b.yaml", b)));

        _registry.Current.ShouldHaveSingleItem().Source.ShouldBe("a.yaml");
        _registry.Errors["b.yaml"].ShouldContain(e => e.Message.StartsWith("duplicate flag key 'a'", StringComparison.Ordinal));
    }

    [Fact]
    public void Unreadable_files_keep_their_previous_version()
    {
        _registry.Apply(Directory(("a.yaml", Policy("a"))));

        var unreadable = new PolicyDiagnostic("a.yaml", 1, 1, "", "cannot read the file: denied");
        _registry.Apply(new PolicyDirectorySnapshot("policies", true, [], [unreadable])).Valid.ShouldBeFalse();

        _registry.Current.ShouldHaveSingleItem().Flag.Key.ShouldBe("a");
        _registry.Errors["a.yaml"].ShouldBe([unreadable]);
    }

    [Fact]
    public void A_missing_directory_keeps_everything_and_is_reported()
    {
        _registry.Apply(Directory(("a.yaml", Policy("a"))));

        var result = _registry.Apply(new PolicyDirectorySnapshot("policies", false, [], []));

        result.ShouldBe(new PolicyReloadResult(Valid: false, Changed: false, Policies: 1, InvalidFiles: 1));
        _registry.Errors["policies"].Single().Message.ShouldContain("not found");
    }

    [Fact]
    public void A_directory_listed_incompletely_keeps_everything_and_is_reported()
    {
        _registry.Apply(Directory(("a.yaml", Policy("a")), ("b.yaml", Policy("b"))));

        var listing = new PolicyDiagnostic("policies", 1, 1, "", "cannot list the policy directory: I/O error");
        var result = _registry.Apply(new PolicyDirectorySnapshot("policies", true, [new PolicySourceFile("a.yaml", Policy("a"))], [listing], Complete: false));

        result.ShouldBe(new PolicyReloadResult(Valid: false, Changed: false, Policies: 2, InvalidFiles: 1));
        _registry.Current.Select(p => p.Flag.Key).ShouldBe(["a", "b"], "a file missing from an incomplete listing is not deleted");
        _registry.Errors["policies"].ShouldBe([listing]);
    }

    [Fact]
    public void A_file_that_makes_the_reader_fail_keeps_its_previous_version_and_the_others_apply()
    {
        _registry.Apply(Directory(("a.yaml", Policy("a")), ("b.yaml", Policy("b"))));

        foreach (var (name, content, _) in MalformedPolicyFiles.All)
        {
            var result = _registry.Apply(Directory(("a.yaml", System.Text.Encoding.UTF8.GetString(content)), ("b.yaml", Policy("b", "12h"))));

            result.Valid.ShouldBeFalse(name);
            _registry.Current.Select(p => p.Flag.Key).ShouldBe(["a", "b"], name);
            _registry.Find("a")!.Revision.ShouldBe(PolicyDocumentReader.Revision(Policy("a")), name);
            _registry.Find("b")!.Stages[1].Hold.ShouldBe(TimeSpan.FromHours(12), name);
            _registry.Errors["a.yaml"].ShouldNotBeEmpty(name);
        }
    }

    [Fact]
    public void A_rescan_that_finds_the_same_files_keeps_the_policies_without_loading_them_again()
    {
        _registry.Apply(Directory(("a.yaml", Policy("a")), ("b.yaml", Policy("b")))).Changed.ShouldBeTrue();
        var loaded = _registry.Current;

        var rescan = _registry.Apply(Directory(("a.yaml", Policy("a")), ("b.yaml", Policy("b"))));

        rescan.Changed.ShouldBeFalse();
        _registry.Current.ShouldBeSameAs(loaded, "nothing was parsed or validated again");
        _registry.Apply(Directory(("a.yaml", Policy("a")), ("b.yaml", Policy("b", "72h")))).Changed.ShouldBeTrue("a changed file is loaded");
    }
}
