using RolloutController.Flags;
using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

/// <summary>Rules of <c>kind: Flag</c> and <c>kind: Segment</c> documents, alone and across documents.</summary>
public sealed class FlagRulesTests
{
    [Fact]
    public void The_valid_file_loads_two_flags_a_segment_and_the_policy()
    {
        var result = PolicyYaml.Load(FlagYaml.Valid);

        result.Diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, result.Diagnostics));
        result.Warnings.ShouldBeEmpty();
        result.Policies.ShouldHaveSingleItem().Flag.Key.ShouldBe("new-checkout");
        result.Segments.ShouldHaveSingleItem().Keys.Order().ShouldBe(["acct-1", "acct-2"]);
        var app = result.Flags.Single(f => f.Key == "new-checkout");
        app.Layer.ShouldBe(FlagLayer.App);
        app.Salt.ShouldBe("payments-v2");
        app.Variants.Select(v => (v.Name, v.Kind)).ShouldBe([("on", VariantKind.Boolean), ("off", VariantKind.Boolean)]);
        app.DefaultVariant.ShouldBe(1);
        app.Prerequisites.ShouldHaveSingleItem().Flag.ShouldBe("payments-v2-backend");
        app.Rules.Select(r => (r.Name, r.When.Length, r.Segment, r.Variant)).ShouldBe([("staff", 1, null, 0), (null, 0, "beta-accounts", 0), (null, 2, null, 1)]);
        app.Fallthrough.ShouldBe(new Fallthrough(FallthroughKind.Rollout, 0, 1, [], app.Fallthrough.At));
        var infra = result.Flags.Single(f => f.Key == "payments-v2-backend");
        infra.Layer.ShouldBe(FlagLayer.Infra);
        infra.Fallthrough.Split.Select(s => (s.Variant, s.UpTo)).ShouldBe([(0, 50_000), (1, 100_000)]);
    }

    [Fact]
    public void An_unknown_operator_is_reported_where_it_is_written_with_the_known_ones()
    {
        var error = PolicyYaml.SingleError(FlagYaml.With("email: { endsWith:", "email: { contains:"));

        error.Line.ShouldBe(38);
        error.Column.ShouldBe(24);
        error.Path.ShouldBe("spec.rules[0].when.email.contains");
        error.Message.ShouldBe("unknown operator 'contains'; operators: equals, notEquals, in, notIn, startsWith, endsWith, lt, lte, gt, gte, semverLt, semverLte, semverGt, semverGte");
    }

    [Fact]
    public void A_rule_serving_an_unknown_variant_is_an_error_listing_the_variants()
    {
        var error = PolicyYaml.SingleError(FlagYaml.With("      serve: off\n", "      serve: blue\n"));

        error.ShouldBe(new PolicyDiagnostic(PolicyYaml.File, 43, 14, "spec.rules[2].serve", "unknown variant 'blue'; variants of this flag: on, off"));
    }

    [Fact]
    public void Variants_of_mixed_types_are_an_error_at_the_odd_one()
    {
        var errors = PolicyYaml.Errors(FlagYaml.Valid.Replace("variants: { on: true, off: false }\n  defaultVariant: off\n  bucketing: { salt: payments-v2 }\n  prerequisites",
            "variants: { on: true, off: \"no\" }\n  defaultVariant: off\n  bucketing: { salt: payments-v2 }\n  prerequisites", StringComparison.Ordinal));

        errors.ShouldHaveSingleItem().Path.ShouldBe("spec.variants.off");
        errors[0].Message.ShouldBe("every variant of a flag has one type: 'off' is a string but 'on' is a boolean");
    }

    [Theory]
    [InlineData("{ 'on': 'new', 'off': 'old' }", "String")]
    [InlineData("{ 'on': 3, 'off': 1.5 }", "Number")]
    [InlineData("{ 'on': { color: blue, sizes: [1, 2] }, 'off': { color: grey } }", "Object")]
    public void Variants_may_be_strings_numbers_or_objects(string variants, string kind)
    {
        var result = PolicyYaml.Load(FlagYaml.With("  variants: { on: true, off: false }\n  defaultVariant: off\n  bucketing: { salt: payments-v2 }\n  fallthrough",
            $"  variants: {variants}\n  defaultVariant: off\n  bucketing: {{ salt: payments-v2 }}\n  fallthrough"));

        result.Diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, result.Diagnostics));
        result.Flags.Single(f => f.Key == "payments-v2-backend").Kind.ToString().ShouldBe(kind);
    }

    [Fact]
    public void An_unknown_prerequisite_flag_and_an_unknown_prerequisite_variant_are_errors()
    {
        PolicyYaml.SingleError(FlagYaml.With("{ flag: payments-v2-backend, variant: on }", "{ flag: payments-v3, variant: on }"))
            .ShouldBe(new PolicyDiagnostic(PolicyYaml.File, 35, 15, "spec.prerequisites[0].flag",
                "no flag 'payments-v3': a prerequisite names the key of a Flag document or of a RolloutPolicy's flag"));
        PolicyYaml.SingleError(FlagYaml.With("{ flag: payments-v2-backend, variant: on }", "{ flag: payments-v2-backend, variant: yes }"))
            .ShouldBe(new PolicyDiagnostic(PolicyYaml.File, 35, 45, "spec.prerequisites[0].variant",
                "unknown variant 'yes' of flag 'payments-v2-backend'; its variants: on, off"));
    }

    [Fact]
    public void A_prerequisite_on_a_policy_without_a_flag_document_uses_the_implicit_on_and_off()
    {
        var text = PolicyYaml.Valid + "---\n" + FlagYaml.Valid.Replace("new-checkout", "new-checkout-ui", StringComparison.Ordinal)
            .Replace("{ flag: payments-v2-backend, variant: on }", "{ flag: new-checkout, variant: on }", StringComparison.Ordinal);

        PolicyYaml.Errors(text).ShouldBeEmpty();
        PolicyYaml.SingleError(text.Replace("{ flag: new-checkout, variant: on }", "{ flag: new-checkout, variant: enabled }", StringComparison.Ordinal))
            .Message.ShouldBe("unknown variant 'enabled' of flag 'new-checkout'; its variants: on, off");
    }

    [Fact]
    public void A_prerequisite_cycle_is_reported_at_every_prerequisite_on_it()
    {
        var errors = PolicyYaml.Errors(FlagYaml.With("  bucketing: { salt: payments-v2 }\n  fallthrough:",
            "  bucketing: { salt: payments-v2 }\n  prerequisites: [{ flag: new-checkout, variant: on }]\n  fallthrough:"));

        errors.Select(e => (e.Line, e.Path, e.Message)).ShouldBe([
            (14, "spec.prerequisites[0].flag", "prerequisite cycle: payments-v2-backend → new-checkout → payments-v2-backend; prerequisites must not depend on the flag itself"),
            (36, "spec.prerequisites[0].flag", "prerequisite cycle: new-checkout → payments-v2-backend → new-checkout; prerequisites must not depend on the flag itself"),
        ]);
    }

    [Fact]
    public void A_segment_no_flag_uses_is_a_warning_and_the_file_stays_valid()
    {
        var result = PolicyYaml.Load(FlagYaml.With("    - segment: beta-accounts\n      serve: on\n", ""));

        result.Diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, result.Diagnostics));
        result.IsValid.ShouldBeTrue();
        var warning = result.Warnings.ShouldHaveSingleItem();
        warning.ToString().ShouldBe("policies/a.yaml:48:9: warning: metadata.name: segment 'beta-accounts' is used by no flag's rules");
        result.Segments.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_rule_naming_an_unknown_segment_is_an_error_listing_the_segments()
    {
        PolicyYaml.SingleError(FlagYaml.With("- segment: beta-accounts", "- segment: gamma-accounts"))
            .ShouldBe(new PolicyDiagnostic(PolicyYaml.File, 40, 16, "spec.rules[1].segment", "no segment 'gamma-accounts'; segments: beta-accounts"));
    }

    [Fact]
    public void Every_failure_in_the_file_is_listed_at_once()
    {
        var text = FlagYaml.With("email: { endsWith:", "email: { contains:")
            .Replace("      serve: off\n", "      serve: blue\n", StringComparison.Ordinal)
            .Replace("layer: infra", "layer: backend", StringComparison.Ordinal)
            .Replace("semverGte: 2.4.0", "semverGte: two", StringComparison.Ordinal);

        PolicyYaml.Errors(text).Select(e => e.Path).ShouldBe([
            "metadata.layer", "spec.rules[0].when.email.contains", "spec.rules[2].serve", "spec.when.appVersion.semverGte",
        ]);
    }

    [Fact]
    public void A_rollout_fallthrough_needs_a_policy_and_a_policy_needs_a_rollout_fallthrough()
    {
        var withoutPolicy = FlagYaml.Valid[..FlagYaml.Valid.LastIndexOf("---", StringComparison.Ordinal)];
        PolicyYaml.SingleError(withoutPolicy).ShouldBe(new PolicyDiagnostic(PolicyYaml.File, 45, 5, "spec.fallthrough.rollout",
            "no RolloutPolicy drives flag 'new-checkout': add one with spec.flag.key: new-checkout, or serve a variant or a split"));

        var error = PolicyYaml.SingleError(FlagYaml.With("    rollout: { variant: on }", "    variant: on"));
        error.Path.ShouldBe("spec.flag.key");
        error.Message.ShouldStartWith("a Flag document declares 'new-checkout' at policies/a.yaml:29:8 with a fallthrough that is not a rollout");
    }

    [Theory]
    [InlineData("- { variant: off, weight: 50 }", "- { variant: off, weight: 40 }", "spec.fallthrough.split", "the weights add up to 90; they must add up to 100")]
    [InlineData("- { variant: off, weight: 50 }", "- { variant: off, weight: 49.9995 }", "spec.fallthrough.split[1].weight", "must be greater than 0 and at most 100, with at most 3 decimals, got 49.9995")]
    [InlineData("    rollout: { variant: on }", "    rollout: { variant: off }", "spec.fallthrough.rollout", "the ramped share and the rest get the same variant 'off': set 'otherwise' to another variant")]
    [InlineData("    rollout: { variant: on }", "    variant: on\n    rollout: { variant: on }", "spec.fallthrough", "give exactly one of variant, split or rollout, got variant and rollout")]
    [InlineData("  state: enabled", "  state: paused", "spec.state", "'paused' is not one of: enabled, disabled")]
    [InlineData("  defaultVariant: off\n  bucketing: { salt: payments-v2 }\n  prerequisites", "  defaultVariant: none\n  bucketing: { salt: payments-v2 }\n  prerequisites", "spec.defaultVariant", "unknown variant 'none'; variants of this flag: on, off")]
    [InlineData("- name: staff\n      when: { email: { endsWith: \"@example.com\" } }\n", "- name: staff\n", "spec.rules[0]", "a rule needs 'when', 'segment' or both: which contexts it serves")]
    [InlineData("plan: { in: [enterprise] }", "plan: { in: [enterprise, 3] }", "spec.rules[2].when.plan.in", "values of one list must have one type, got string and number")]
    [InlineData("plan: { in: [enterprise] }", "plan: { gt: high }", "spec.rules[2].when.plan.gt", "expected a number, got the string 'high'")]
    [InlineData("plan: { in: [enterprise] }", "plan: enterprise", "spec.rules[2].when.plan", "expected a mapping of operator to value (e.g. { in: [enterprise] }), got the string 'enterprise'")]
    [InlineData("  when: { appVersion: { semverGte: 2.4.0 } }\n  keys: [acct-1, acct-2]\n", "  owner2: x\n", "spec", "a segment needs 'when', 'keys' or both: which contexts are in it")]
    public void Flag_and_segment_fields_are_checked(string find, string replace, string path, string message)
    {
        var errors = PolicyYaml.Errors(FlagYaml.With(find, replace));

        errors.ShouldContain(e => e.Path == path && e.Message == message, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void Two_flags_with_one_key_are_an_error_at_both()
    {
        var errors = PolicyYaml.Errors(FlagYaml.With("  key: payments-v2-backend", "  key: new-checkout"));

        errors.Where(e => e.Message.StartsWith("duplicate Flag key 'new-checkout'", StringComparison.Ordinal)).Count().ShouldBe(2);
    }
}
