namespace RolloutController.SampleService;

/// <summary>Whether the flag is on for one request, and where that came from.</summary>
internal readonly record struct FlagAnswer(bool On, FlagAnswerSource Source);
