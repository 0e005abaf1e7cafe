using System.Text;

namespace RolloutController.TestUtilities.Golden;

/// <summary>A line diff (longest common subsequence) showing only the changed lines with two lines of context around them.</summary>
public static class LineDiff
{
    private const int Context = 2;

    public static string Render(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        for (var j = b.Length - 1; j >= 0; j--)
            lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var lines = new List<(char Mark, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) lines.Add(('-', a[x++]));
            else lines.Add(('+', b[y++]));
        }

        var shown = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Mark != ' ')
                for (var k = Math.Max(0, i - Context); k <= Math.Min(lines.Count - 1, i + Context); k++) shown[k] = true;
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (shown[i]) text.Append(lines[i].Mark).Append(' ').AppendLine(lines[i].Text);
            else if (i == 0 || shown[i - 1]) text.AppendLine("  …");
        }
        return text.ToString();
    }
}
