namespace RolloutController.ConsoleOutput;

/// <summary>A piece of text with its <see cref="Tone"/>: a table cell or a part of a line.</summary>
internal readonly record struct Cell(string Text, Tone Tone = Tone.Plain)
{
    public static implicit operator Cell(string text) => new(text);
}
