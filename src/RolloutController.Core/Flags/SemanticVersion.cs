namespace RolloutController.Flags;

/// <summary>
/// Semantic Versioning 2.0.0 precedence over text, without allocating: <c>MAJOR.MINOR.PATCH[-pre.release][+build]</c>,
/// an optional leading <c>v</c>; build metadata is ignored, a pre-release sorts before its release, pre-release
/// identifiers compare numerically when both are numeric, numeric before alphanumeric, otherwise ordinally.
/// </summary>
internal static class SemanticVersion
{
    public static bool IsValid(ReadOnlySpan<char> text) => TryParse(text, out _, out _, out _, out _);

    /// <summary>Compares two versions; false when either is not a version.</summary>
    public static bool TryCompare(ReadOnlySpan<char> left, ReadOnlySpan<char> right, out int order)
    {
        order = 0;
        if (!TryParse(left, out var a0, out var a1, out var a2, out var aPre) || !TryParse(right, out var b0, out var b1, out var b2, out var bPre))
            return false;
        order = a0 != b0 ? a0.CompareTo(b0) : a1 != b1 ? a1.CompareTo(b1) : a2 != b2 ? a2.CompareTo(b2) : ComparePre(left.Slice(aPre.Start, aPre.Length), right.Slice(bPre.Start, bPre.Length));
        return true;
    }

    private static bool TryParse(ReadOnlySpan<char> text, out long major, out long minor, out long patch, out (int Start, int Length) pre)
    {
        major = minor = patch = 0;
        pre = (0, 0);
        var offset = text.Length > 0 && text[0] == 'v' ? 1 : 0;
        var rest = text[offset..];
        var plus = rest.IndexOf('+');
        if (plus >= 0)
        {
            if (!ValidIdentifiers(rest[(plus + 1)..], numericRules: false)) return false;
            rest = rest[..plus];
        }
        var dash = rest.IndexOf('-');
        var core = dash >= 0 ? rest[..dash] : rest;
        if (dash >= 0)
        {
            if (!ValidIdentifiers(rest[(dash + 1)..], numericRules: true)) return false;
            pre = (offset + dash + 1, rest.Length - dash - 1);
        }
        return ReadNumber(ref core, out major) && Dot(ref core) && ReadNumber(ref core, out minor) && Dot(ref core)
               && ReadNumber(ref core, out patch) && core.IsEmpty;
    }

    private static bool Dot(ref ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] != '.') return false;
        text = text[1..];
        return true;
    }

    private static bool ReadNumber(ref ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        var i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            if (i >= 18) return false;
            value = (value * 10) + (text[i] - '0');
            i++;
        }
        if (i == 0 || (i > 1 && text[0] == '0')) return false;
        text = text[i..];
        return true;
    }

    private static bool ValidIdentifiers(ReadOnlySpan<char> text, bool numericRules)
    {
        if (text.IsEmpty) return false;
        foreach (var range in text.Split('.'))
        {
            var id = text[range];
            if (id.IsEmpty) return false;
            foreach (var c in id)
                if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
            if (numericRules && id.Length > 1 && id[0] == '0' && IsNumeric(id)) return false;
        }
        return true;
    }

    private static int ComparePre(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty || b.IsEmpty) return a.IsEmpty == b.IsEmpty ? 0 : a.IsEmpty ? 1 : -1;
        while (true)
        {
            var ia = a.IndexOf('.');
            var ib = b.IndexOf('.');
            var x = ia >= 0 ? a[..ia] : a;
            var y = ib >= 0 ? b[..ib] : b;
            var order = CompareIdentifier(x, y);
            if (order != 0) return order;
            if (ia < 0 || ib < 0) return ia < 0 && ib < 0 ? 0 : ia < 0 ? -1 : 1;
            a = a[(ia + 1)..];
            b = b[(ib + 1)..];
        }
    }

    private static int CompareIdentifier(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        bool nx = IsNumeric(x), ny = IsNumeric(y);
        if (nx && ny) return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.SequenceCompareTo(y);
        if (nx != ny) return nx ? -1 : 1;
        return Math.Sign(x.SequenceCompareTo(y));
    }

    private static bool IsNumeric(ReadOnlySpan<char> id)
    {
        foreach (var c in id)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
