namespace RolloutController.Analysis.Batching;

/// <summary>
/// Reads a query whose flag matchers are already rewritten (<see cref="FlagMatchers"/>) and checks, expression by
/// expression, that evaluating it over several flags' series at once gives every flag exactly its own answer. The
/// invariant: every vector in the batched evaluation is the disjoint union of each flag's vector in its own evaluation,
/// with the flag label kept. Selectors start it (each selects one flag); element-wise functions and operations with
/// numbers keep it; aggregations keep it when they group by the flag label (added where missing); binary operations
/// between vectors keep it when both sides agree on whether the label was added (matching then pairs only series of
/// the same flag). Anything else is refused with the reason. Grouping edits are added to the edit list.
/// </summary>
internal sealed class BatchRewriter
{
    private readonly string _query;
    private readonly TokenCursor _cursor;
    private readonly string _label;
    private readonly List<TextEdit> _edits;

    private BatchRewriter(string query, IReadOnlyList<PromQlToken> tokens, string label, List<TextEdit> edits)
    {
        _query = query;
        _cursor = new TokenCursor(tokens);
        _label = label;
        _edits = edits;
    }

    private PromQlToken Peek => _cursor.Peek;

    /// <param name="tokens">The query's tokens without comments, ending with <see cref="PromQlTokenKind.End"/>.</param>
    /// <returns>Whether the result's flag label was added; null when the query cannot be batched, with the reason in <paramref name="refusal"/>.</returns>
    public static bool? Rewrite(string query, IReadOnlyList<PromQlToken> tokens, string label, List<TextEdit> edits, out string refusal)
    {
        var rewriter = new BatchRewriter(query, tokens, label, edits);
        var facts = rewriter.Expression(0);
        if (facts is not null && rewriter.Peek.Kind != PromQlTokenKind.End) facts = rewriter.Unexpected();
        if (facts is { Type: not PromQlType.InstantVector } result)
            facts = rewriter.Refuse($"the query must return an instant vector, not a {FunctionSignature.Describe(result.Type)}");
        refusal = rewriter._cursor.Refusal ?? "the query could not be read";
        // Any refusal, even one a caller did not pass on, means some part of the query was not understood.
        return rewriter._cursor.Refusal is null ? facts?.LabelAdded : null;
    }

    private ExprFacts? Expression(int minPrecedence)
    {
        var left = Unary();
        while (left is { } l && PromQlOperators.Precedence(Peek) is { } precedence && precedence >= minPrecedence)
        {
            var op = Advance();
            if (Peek.Is(PromQlTokenKind.Keyword, "bool")) Advance();
            GroupingLabels? on = null, ignoring = null;
            if (Peek.Is(PromQlTokenKind.Keyword, "on") || Peek.Is(PromQlTokenKind.Keyword, "ignoring"))
            {
                var isOn = Advance().Is(PromQlTokenKind.Keyword, "on");
                if (PromQlReader.Labels(_cursor) is not { } labels) return null;
                if (isOn) on = labels;
                else ignoring = labels;
            }
            if (Peek.Is(PromQlTokenKind.Keyword, "group_left") || Peek.Is(PromQlTokenKind.Keyword, "group_right"))
                return Refuse($"{Peek.Text.ToLowerInvariant()} (many-to-one matching) is not batched: its result labels come from the other side's series");
            var right = Expression(PromQlOperators.IsRightAssociative(op) ? precedence : precedence + 1);
            if (right is null) return null;
            left = Combine(l, op, on, ignoring, right.Value);
        }
        return left;
    }

    private ExprFacts? Combine(ExprFacts left, PromQlToken op, GroupingLabels? on, GroupingLabels? ignoring, ExprFacts right)
    {
        if (left.Type is PromQlType.String or PromQlType.RangeVector || right.Type is PromQlType.String or PromQlType.RangeVector)
            return Refuse($"'{op.Text}' at offset {op.Start} needs numbers or instant vectors on both sides");
        var vectors = (left.Type == PromQlType.InstantVector ? 1 : 0) + (right.Type == PromQlType.InstantVector ? 1 : 0);
        if (vectors < 2 && (PromQlOperators.IsSetOperator(op) || on is not null || ignoring is not null))
            return Refuse($"'{op.Text}' at offset {op.Start} matches vectors, and one side is a number");
        if (vectors == 0) return ExprFacts.Scalar;
        // A number applies to every series alike, whichever flag it belongs to.
        if (vectors == 1) return left.Type == PromQlType.InstantVector ? left : right;
        if (left.LabelAdded != right.LabelAdded)
            return Refuse($"one side of '{op.Text}' at offset {op.Start} keeps the label {_label} and the other aggregates it away, so the sides would match differently once both keep it");
        if (ignoring is not null && ignoring.Names.Contains(_label))
            return Refuse($"'ignoring ({_label})' would match one flag's series with another's");
        if (on is not null && !on.Names.Contains(_label)) _edits.Add(on.Add(_label));
        return left;
    }

    private ExprFacts? Unary()
    {
        if (!Peek.Is(PromQlTokenKind.Operator, "+") && !Peek.Is(PromQlTokenKind.Operator, "-")) return Primary();
        var op = Advance();
        var operand = Expression(PromQlOperators.Power);
        if (operand is { Type: PromQlType.String or PromQlType.RangeVector })
            return Refuse($"unary '{op.Text}' at offset {op.Start} needs a number or an instant vector");
        return operand;
    }

    private ExprFacts? Primary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case PromQlTokenKind.Number or PromQlTokenKind.Duration:
                Advance();
                return Postfix(ExprFacts.Scalar, selector: false);
            case PromQlTokenKind.String:
                Advance();
                return Postfix(new ExprFacts(PromQlType.String, false), selector: false);
            case PromQlTokenKind.LeftParen:
                Advance();
                var inner = Expression(0);
                return inner is not null && Expect(PromQlTokenKind.RightParen, "')'") ? Postfix(inner, selector: false) : null;
            case PromQlTokenKind.LeftBrace:
                return Postfix(Selector(null), selector: true);
            case PromQlTokenKind.Keyword when PromQlKeywords.SimpleAggregations.Contains(token.Text):
                return Postfix(Aggregation(), selector: false);
            case PromQlTokenKind.Keyword when PromQlKeywords.ParametricAggregations.Contains(token.Text):
                return Refuse($"{token.Text.ToLowerInvariant()} is not batched: it ranks, counts or cuts series across the whole group it is given");
            case PromQlTokenKind.Identifier when _cursor.PeekNext.Kind == PromQlTokenKind.LeftParen:
                return Postfix(Function(), selector: false);
            case PromQlTokenKind.Identifier:
                Advance();
                return Postfix(Selector(token), selector: true);
            default:
                return Unexpected();
        }
    }

    /// <summary>Range <c>[5m]</c>, subquery <c>[1h:1m]</c>, <c>offset</c> and <c>@</c> after an expression.</summary>
    private ExprFacts? Postfix(ExprFacts? facts, bool selector)
    {
        while (facts is { } f)
        {
            var token = Peek;
            if (token.Kind == PromQlTokenKind.LeftBracket)
            {
                if (f.Type != PromQlType.InstantVector) return Refuse($"the range at offset {token.Start} needs an instant vector");
                Advance();
                if (!PromQlReader.Duration(_cursor)) return null;
                if (Peek.Kind == PromQlTokenKind.Colon)
                {
                    Advance();
                    if (Peek.Kind != PromQlTokenKind.RightBracket && !PromQlReader.Duration(_cursor)) return null;
                }
                else if (!selector)
                {
                    return Refuse($"the range at offset {token.Start} follows an expression, not a series selector; a subquery needs a step ([5m:1m])");
                }
                if (!Expect(PromQlTokenKind.RightBracket, "']'")) return null;
                facts = f with { Type = PromQlType.RangeVector };
                selector = false;
            }
            else if (token.Is(PromQlTokenKind.Keyword, "offset") || token.Kind == PromQlTokenKind.At)
            {
                if (!selector && f.Type != PromQlType.RangeVector)
                    return Refuse($"'{token.Text}' at offset {token.Start} needs a series selector or a subquery before it");
                Advance();
                if (!(token.Kind == PromQlTokenKind.At ? PromQlReader.AtTime(_cursor) : PromQlReader.SignedDuration(_cursor))) return null;
            }
            else
            {
                break;
            }
        }
        return facts;
    }

    private ExprFacts? Aggregation()
    {
        var name = Advance();
        var clause = PromQlReader.GroupingClause(_cursor);
        var adjacent = Peek.Start == name.End;
        if (_cursor.Refusal is not null || !Expect(PromQlTokenKind.LeftParen, "'('")) return null;
        var inner = Expression(0);
        if (inner is null) return null;
        if (Peek.Kind == PromQlTokenKind.Comma) return Refuse($"{name.Text}() takes one expression");
        if (!Expect(PromQlTokenKind.RightParen, "')'")) return null;
        clause ??= PromQlReader.GroupingClause(_cursor);
        if (_cursor.Refusal is not null) return null;
        if (inner.Value.Type != PromQlType.InstantVector) return Refuse($"{name.Text}() at offset {name.Start} needs an instant vector");

        if (clause is null)
        {
            _edits.Add(TextEdit.Insert(name.End, $" by ({_label})" + (adjacent ? " " : "")));
            return ExprFacts.Vector(labelAdded: true);
        }
        var (without, labels) = clause.Value;
        if (without)
        {
            return labels.Names.Contains(_label)
                ? Refuse($"'without ({_label})' at offset {name.Start} aggregates the flags together")
                : inner;
        }
        if (labels.Names.Contains(_label)) return inner;
        _edits.Add(labels.Add(_label));
        return ExprFacts.Vector(labelAdded: true);
    }

    private ExprFacts? Function()
    {
        var name = Advance();
        if (BatchableFunctions.Find(name.Text, out var reason) is not { } signature) return Refuse(reason);
        Advance();
        var arguments = new List<ExprFacts>();
        while (Peek.Kind != PromQlTokenKind.RightParen)
        {
            if (Expression(0) is not { } argument) return null;
            arguments.Add(argument);
            if (Peek.Kind != PromQlTokenKind.Comma) break;
            Advance();
        }
        if (!Expect(PromQlTokenKind.RightParen, "')'")) return null;
        if (!signature.Accepts(arguments)) return Refuse($"{name.Text}() at offset {name.Start} takes ({signature})");
        return ExprFacts.Vector(arguments[signature.VectorIndex].LabelAdded);
    }

    private ExprFacts? Selector(PromQlToken? name)
    {
        var start = name?.Start ?? Peek.Start;
        if (PromQlReader.SelectsFlag(_cursor, _label) is not { } selectsFlag) return null;
        return selectsFlag
            ? ExprFacts.Vector(labelAdded: false)
            : Refuse($"every series selector must select the flag with {_label}=\"{FlagPlaceholder.Text}\"; {_query[start.._cursor.Previous.End]} does not, so its series would be shared by every flag of a batch");
    }

    private PromQlToken Advance() => _cursor.Advance();

    private bool Expect(PromQlTokenKind kind, string what) => _cursor.Expect(kind, what);

    private ExprFacts? Unexpected()
    {
        _cursor.Unexpected();
        return null;
    }

    private ExprFacts? Refuse(string reason)
    {
        _cursor.Refuse(reason);
        return null;
    }
}
